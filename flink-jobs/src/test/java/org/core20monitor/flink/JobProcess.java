package org.core20monitor.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link OutpatientMetricsJob#main} in a JVM of its own, as it runs in production, so a test can kill
 * it the hard way ({@link #kill()}: SIGKILL, no shutdown hook, no final flush) and start it again. It
 * runs on this test's classpath, with its output in a log file.
 */
final class JobProcess implements RunningJob, AutoCloseable {

    private final Process process;
    private final Path log;

    private JobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static JobProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                // The job's own INFO lines (where it resumed from, Redis outages); Flink stays at WARN.
                "-Dorg.slf4j.simpleLogger.log.org.core20monitor=info",
                "-cp", System.getProperty("java.class.path"),
                OutpatientMetricsJob.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new JobProcess(process, log);
    }

    /** SIGKILL, as the kernel's OOM killer or a node failure would: nothing in the JVM runs after it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "job process " + process.pid() + (process.isAlive() ? " running" : " exited with " + process.exitValue())
                + ", log " + log + ":\n" + log();
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** SIGTERM and up to 30 s to shut down cleanly, then SIGKILL: how the tests end a child JVM. */
    static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
