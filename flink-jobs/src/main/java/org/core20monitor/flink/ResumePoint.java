package org.core20monitor.flink;

import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Where a starting job resumes from: {@code --restore latest} (the default) picks the newest complete
 * checkpoint under the checkpoint directory, so that a job killed and started again (a crashed pod, a
 * {@code kill -9}, a redeploy without a savepoint) carries on from its state instead of counting
 * everything again into the same Redis; {@code none} starts empty; anything else is an explicit
 * checkpoint or savepoint path.
 *
 * <p>Flink writes a checkpoint as {@code <checkpoint-dir>/<job id>/chk-<n>/} and its {@code _metadata}
 * file last, so only a {@code chk-<n>} directory that has {@code _metadata} is complete. Each run has a
 * new job id, so every job directory is searched. The newest is the one whose {@code _metadata} was
 * written last (checkpoint numbers carry on across a restore, so {@code n} breaks ties). Uses Flink's
 * file systems, so it works for any checkpoint URI Flink can write to.
 */
public final class ResumePoint {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
    private static final String METADATA = "_metadata";

    /** A complete checkpoint: its directory, number and when its metadata was written. */
    public record Checkpoint(String path, long id, long modifiedMillis) {}

    private ResumePoint() {}

    /**
     * The path to resume from, or empty to start with empty state.
     *
     * @param restore         {@code latest}, {@code none} or a path
     * @param checkpointDir   the job's checkpoint directory
     * @param deploymentPath  a savepoint path the deployment already set ({@code flink run -s}, the
     *                        Kubernetes operator's upgrade), which {@code latest} leaves in charge
     */
    public static Optional<String> choose(String restore, String checkpointDir, String deploymentPath)
            throws IOException {
        if (restore == null || restore.isBlank() || restore.equals(JobOptions.RESTORE_LATEST)) {
            if (deploymentPath != null && !deploymentPath.isBlank()) {
                return Optional.of(deploymentPath);
            }
            return latest(checkpointDir).map(Checkpoint::path);
        }
        if (restore.equals(JobOptions.RESTORE_NONE)) {
            return Optional.empty();
        }
        return Optional.of(restore);
    }

    /** The newest complete checkpoint under {@code checkpointDir}, in any of its job directories. */
    public static Optional<Checkpoint> latest(String checkpointDir) throws IOException {
        Path root = new Path(checkpointDir);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        Checkpoint newest = null;
        Comparator<Checkpoint> order = Comparator.comparingLong(Checkpoint::modifiedMillis)
                .thenComparingLong(Checkpoint::id);
        for (FileStatus job : list(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            for (FileStatus chk : list(fs, job.getPath())) {
                Matcher m = CHECKPOINT.matcher(chk.getPath().getName());
                if (!chk.isDir() || !m.matches()) {
                    continue;
                }
                Path metadata = new Path(chk.getPath(), METADATA);
                FileStatus written;
                try {
                    written = fs.getFileStatus(metadata);
                } catch (java.io.FileNotFoundException incomplete) {
                    continue; // being written, or abandoned by a kill: not a checkpoint to resume from
                }
                Checkpoint candidate = new Checkpoint(chk.getPath().toString(), Long.parseLong(m.group(1)),
                        written.getModificationTime());
                if (newest == null || order.compare(candidate, newest) > 0) {
                    newest = candidate;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** A directory's entries; none when it vanished meanwhile (Flink deletes subsumed checkpoints). */
    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        try {
            FileStatus[] entries = fs.listStatus(dir);
            return entries == null ? new FileStatus[0] : entries;
        } catch (java.io.FileNotFoundException gone) {
            return new FileStatus[0];
        }
    }
}
