package org.core20monitor.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.core20monitor.testing.TestRedis;

/**
 * Whether the job's memory stays flat as a file grows longer at the same rate of activity: files of
 * more and more months of the same six ICBs at the same episodes a month, each through the job at
 * parallelism 2 with a short dedup retention, reporting the most the job's JVM held after any
 * collection. State bounded by open pathways and the dedup window stays level; state that grows with
 * events does not.
 *
 * <pre>
 * java -jar benchmarks/target/core20-benchmarks.jar growth [--months 6,12,24] [--episodes 4000]
 *     [--retention-days 30] [--job-heap 6g]
 * </pre>
 */
final class Growth {

    static final String START = "<!-- growth:start -->";
    static final String END = "<!-- growth:end -->";

    private Growth() {}

    static void run(Map<String, String> o) throws Exception {
        List<Integer> monthsList = Arrays.stream(o.getOrDefault("months", "6,12,24").split(","))
                .map(Integer::parseInt).toList();
        long episodes = Long.parseLong(o.getOrDefault("episodes", "4000"));
        String retention = o.getOrDefault("retention-days", "30");
        String heap = o.getOrDefault("job-heap", "6g");
        Path data = Files.createDirectories(Path.of(o.getOrDefault("data", "target/bench-data")));
        Path out = Path.of(o.getOrDefault("out", "docs/BENCHMARKS.md"));
        Path jobJar = Path.of(o.getOrDefault("job-jar", "flink-jobs/target/core20-flink-jobs.jar"));
        Path flinkLib = Path.of(o.getOrDefault("flink-lib", "flink-jobs/target/flink-lib"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path gcLog = data.resolve("growth-gc.log").toAbsolutePath();

        List<String> rows = new ArrayList<>();
        try (TestRedis redis = TestRedis.start()) {
            var commands = redis.commands();
            for (int months : monthsList) {
                Path file = data.resolve("growth-" + months + "m-" + episodes + ".jsonl");
                if (!Files.exists(file)) {
                    Benchmarks.generate(file, months, episodes);
                }
                long lines;
                try (var all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    lines = all.count();
                }
                commands.flushall();
                Files.deleteIfExists(gcLog);
                MeasuredProcess.Result job = MeasuredProcess.run(Benchmarks.jobCommand(java, flinkLib, jobJar, file,
                                redis.url(), Files.createTempDirectory(data, "checkpoints"), "--parallelism", "2",
                                "--dedup-retention-days", retention),
                        Map.of("JOB_JAVA_OPTS", "-Xmx" + heap + " -Xlog:gc:file=" + gcLog), data.resolve("growth-job.log"));
                if (job.exitCode() != 0) {
                    throw new IllegalStateException("the job failed:\n" + job.output());
                }
                long accepted = Long.parseLong(commands.hget("core20:quality", "accepted"));
                long peakHeap = MeasuredProcess.peakHeapAfterGc(gcLog);
                rows.add(String.format(Locale.UK, "| %d | %,d | %,d | %,.0f | %.1f s | %,.2f GB | %,.0f B | %,.2f GB |",
                        months, lines, accepted, Benchmarks.rate(lines, job.millis()), job.millis() / 1000.0,
                        peakHeap / 1e9, peakHeap / (double) lines, job.peakRssBytes() / 1e9));
                System.out.printf(Locale.UK, "%d months, %,d lines done%n", months, lines);
            }
        }
        String section = START + "\n" + Benchmarks.machine() + ".\n\nCommand: `java -jar benchmarks/target/core20-benchmarks.jar "
                + "growth --months " + String.join(",", monthsList.stream().map(String::valueOf).toList()) + " --episodes "
                + episodes + " --retention-days " + retention + " --job-heap " + heap + "`\n\n"
                + "Six ICBs at " + String.format(Locale.UK, "%,d", episodes) + " episodes an ICB a month; the job at "
                + "parallelism 2 with `--dedup-retention-days " + retention + "` and a fixed heap of " + heap + ".\n\n"
                + "| months in file | lines | accepted | events/s | wall | peak heap after GC | per line | peak memory |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n" + String.join("\n", rows) + "\n" + END + "\n";
        Benchmarks.replaceSection(out, START, END, section);
        System.out.println("written to " + out);
    }
}
