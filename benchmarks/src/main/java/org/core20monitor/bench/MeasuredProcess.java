package org.core20monitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command run in processes of its own, timed, with the peak resident memory of the whole process
 * tree (a launcher and the JVM it starts count together), sampled every 50 ms from /proc.
 */
final class MeasuredProcess {

    record Result(int exitCode, long millis, long peakRssBytes, String output) {}

    private MeasuredProcess() {}

    static Result run(List<String> command, Path log) throws IOException, InterruptedException {
        return run(command, Map.of(), log);
    }

    /** As {@link #run(List, Path)}, with these variables added to the environment. */
    static Result run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
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

    /**
     * The largest heap left after a collection in a JVM's {@code -Xlog:gc} file (G1's
     * {@code 812M->140M(2048M)}): an upper bound on its live data at that moment, so the peak of these is
     * what the process really had to hold, whatever heap it was given. 0 if the log has no collection.
     */
    static long peakHeapAfterGc(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        Pattern after = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = after.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(2)) * 1024 * 1024);
            }
        }
        return peak;
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
