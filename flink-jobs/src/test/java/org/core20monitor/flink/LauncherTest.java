package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job JVM started by the launcher ends when the launcher is killed, so whatever restarts the
 * launcher never leaves two jobs writing to one Redis from one checkpoint directory.
 */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theJobEndsWhenItsLauncherIsKilled() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "120").start(); // stands in for the launcher JVM
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path log = dir.resolve("job.log");
        Process job = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-D" + Launcher.EXIT_WITH + "=" + launcher.pid(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--source", "files", "--input", inbox.toString(), "--watch", "200",
                "--redis", "redis://127.0.0.1:9", "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(job.waitFor(5, TimeUnit.SECONDS)).as("the job runs while its launcher does").isFalse();
            launcher.destroyForcibly().waitFor();
            assertThat(job.waitFor(30, TimeUnit.SECONDS)).as("the job ended after its launcher").isTrue();
            assertThat(job.exitValue()).isEqualTo(137);
            assertThat(Files.readString(log)).contains("The job's launcher has ended");
        } finally {
            job.destroyForcibly();
            launcher.destroyForcibly();
        }
    }
}
