package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePointTest {

    @TempDir
    Path dir;

    @Test
    void theNewestCompleteCheckpointOfAnyRunIsChosen() throws Exception {
        checkpoint("run-a", 3, "2026-11-24T10:00:00Z");
        checkpoint("run-a", 9, "2026-11-24T10:05:00Z");
        checkpoint("run-b", 10, "2026-11-24T10:07:00Z"); // the run resumed from run-a's chk-9
        Files.createDirectories(dir.resolve("run-b/chk-11")); // being written when the process died: no _metadata
        Files.createDirectories(dir.resolve("run-b/shared"));
        Files.writeString(dir.resolve("stray-file"), "x");

        ResumePoint.Checkpoint latest = ResumePoint.latest(dir.toUri().toString()).orElseThrow();
        assertThat(latest.id()).isEqualTo(10);
        assertThat(latest.path()).endsWith("/run-b/chk-10");
        assertThat(ResumePoint.choose("latest", dir.toUri().toString(), null)).contains(latest.path());
    }

    @Test
    void checkpointNumbersBreakTiesInTime() throws Exception {
        checkpoint("run-a", 4, "2026-11-24T10:00:00Z");
        checkpoint("run-a", 5, "2026-11-24T10:00:00Z");
        assertThat(ResumePoint.latest(dir.toString()).orElseThrow().id()).isEqualTo(5);
    }

    @Test
    void nothingToResumeFromInAnEmptyOrMissingDirectory() throws Exception {
        assertThat(ResumePoint.latest(dir.toUri().toString())).isEmpty();
        assertThat(ResumePoint.latest(dir.resolve("never-written").toUri().toString())).isEmpty();
        Files.createDirectories(dir.resolve("run-a/chk-1"));
        assertThat(ResumePoint.choose("latest", dir.toUri().toString(), null)).isEmpty();
    }

    @Test
    void noneStartsEmptyAPathIsTakenAsGivenAndTheDeploymentsPathWinsOverLatest() throws Exception {
        checkpoint("run-a", 2, "2026-11-24T10:00:00Z");
        String dirUri = dir.toUri().toString();
        assertThat(ResumePoint.choose("none", dirUri, null)).isEmpty();
        assertThat(ResumePoint.choose("s3://bucket/savepoints/sp-1", dirUri, null)).contains("s3://bucket/savepoints/sp-1");
        assertThat(ResumePoint.choose("latest", dirUri, "file:/savepoints/sp-2")).contains("file:/savepoints/sp-2");
        assertThat(ResumePoint.choose("file:/savepoints/sp-3", dirUri, "file:/savepoints/sp-2"))
                .isEqualTo(Optional.of("file:/savepoints/sp-3"));
    }

    private void checkpoint(String run, int id, String written) throws Exception {
        Path metadata = Files.createDirectories(dir.resolve(run).resolve("chk-" + id)).resolve("_metadata");
        Files.writeString(metadata, "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(written)));
    }
}
