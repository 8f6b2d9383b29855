package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job JVM started by the launcher ends as soon as the launcher's pipe to it closes (as it does when
 * the launcher is killed), so whatever restarts the launcher never leaves two jobs writing to one Redis
 * from one checkpoint directory.
 */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theJobEndsWhenItsLauncherIsKilled() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path log = dir.resolve("job.log");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-D" + Launcher.EXIT_WITH_LAUNCHER + "=true",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--source", "files", "--input", inbox.toString(), "--watch", "200",
                "--redis", "redis://127.0.0.1:9", "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString());
        // `sleep` stands in for the launcher: it holds the job's standard input, as the launcher's pipe does.
        String command = "sleep 300 | " + java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Process shell = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(shell.waitFor(5, TimeUnit.SECONDS)).as("the job runs while its launcher does").isFalse();
            ProcessHandle launcher = shell.descendants().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                    .findFirst().orElseThrow();
            assertThat(shell.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("java"))).isTrue();
            launcher.destroyForcibly(); // SIGKILL
            assertThat(shell.waitFor(30, TimeUnit.SECONDS)).as("the job ended after its launcher").isTrue();
            assertThat(shell.exitValue()).as("the job's own exit code").isEqualTo(137);
            assertThat(Files.readString(log)).contains("The job's launcher has ended");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
