package org.core20monitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A command run in processes of its own, timed, with the peak resident memory of the whole process
 * tree (a launcher and the JVM it starts count together), sampled every 50 ms from /proc.
 */
final class MeasuredProcess {

    record Result(int exitCode, long millis, long peakRssBytes, String output) {}

    private MeasuredProcess() {}

    static Result run(List<String> command, Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (process.isAlive()) {
                long rss = rss(process.toHandle());
                for (ProcessHandle child : process.descendants().toList()) {
                    rss += rss(child);
                }
                peak.accumulateAndGet(rss, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        int exit = process.waitFor();
        long millis = (System.nanoTime() - started) / 1_000_000;
        sampler.join();
        return new Result(exit, millis, peak.get(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Resident set size of one process, or 0 once it has gone. */
    private static long rss(ProcessHandle p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended between listing and reading
        }
        return 0;
    }
}
