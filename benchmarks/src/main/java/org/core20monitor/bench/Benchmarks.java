package org.core20monitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.core20monitor.core.generator.GenerateEvents;
import org.core20monitor.testing.TestRedis;

/**
 * Throughput of the whole job against a plain single-threaded loop over the same generated files,
 * measured in one run and written to {@code docs/BENCHMARKS.md}. Each approach runs in processes of
 * its own, as it would in use, several times; the table has medians, the range, and the peak memory
 * of the process tree. The job writes into a real Redis, and its accepted, repeated and rejected
 * counts must equal the loop's, or the run stops.
 *
 * <pre>
 * java -jar benchmarks/target/core20-benchmarks.jar [--sizes 1000000,10000000] [--runs 3,1] [--job-heap 2g]
 *     [--parallelism 1,2] [--job-max-size 10000000] [--loop-heap 12g] [--data target/bench-data] [--out docs/BENCHMARKS.md]
 * </pre>
 *
 * <p>{@code --job-max-size} leaves the job out for larger files (the loop and DuckDB still run): a file
 * whose job state would not fit this machine's memory still shows what the simpler approaches do with it.
 * <pre>
 * </pre>
 */
public final class Benchmarks {

    static final String START = "<!-- throughput:start -->";
    static final String END = "<!-- throughput:end -->";
    /** Events per generated episode of care in these files (no warm-up): sizes are approximate. */
    static final double EVENTS_PER_EPISODE = 2.88;
    static final List<String> ICBS = List.of("QWE", "QKK", "QOP", "QHL", "QYG", "QT6");
    private static final int MONTHS = 12;

    private record Run(long millis, long peakRss, long peakHeap) {}

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("delivery")) {
            Delivery.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length > 0 && args[0].equals("growth")) {
            Growth.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length > 0 && args[0].equals("micro")) {
            Micro.run(Path.of(options(Arrays.copyOfRange(args, 1, args.length)).getOrDefault("out", "docs/BENCHMARKS.md")));
            return;
        }
        Map<String, String> o = options(args);
        List<Long> sizes = Arrays.stream(o.getOrDefault("sizes", "1000000,10000000").split(",")).map(Long::parseLong).toList();
        // One count for every size, or one per size (fewer runs of the larger files).
        List<Integer> runCounts = Arrays.stream(o.getOrDefault("runs", "3").split(",")).map(Integer::parseInt).toList();
        List<Integer> parallelisms = Arrays.stream(o.getOrDefault("parallelism", "1,2").split(","))
                .map(Integer::parseInt).toList();
        String heap = o.getOrDefault("job-heap", "2g");
        // The loop remembers every id as a String: a 50M file needs more than the default quarter of memory.
        List<String> loopHeap = o.containsKey("loop-heap") ? List.of("-Xmx" + o.get("loop-heap")) : List.of();
        long jobMaxSize = Long.parseLong(o.getOrDefault("job-max-size", Long.toString(Long.MAX_VALUE)));
        Path data = Path.of(o.getOrDefault("data", "target/bench-data"));
        Path out = Path.of(o.getOrDefault("out", "docs/BENCHMARKS.md"));
        Path jobJar = Path.of(o.getOrDefault("job-jar", "flink-jobs/target/core20-flink-jobs.jar"));
        Path flinkLib = Path.of(o.getOrDefault("flink-lib", "flink-jobs/target/flink-lib"));
        Path benchJar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(data);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path imd = imdFile(data);
        Path gcLog = data.resolve("gc.log").toAbsolutePath();

        try (TestRedis redis = TestRedis.start()) {
            var commands = redis.commands();
            long startup = startupMillis(java, jobJar, flinkLib, redis.url(), data);
            StringBuilder table = new StringBuilder();
            table.append("| events in file | approach | events/s (median) | range over runs | wall (median) "
                    + "| peak memory (median) | peak heap after GC | vs plain loop |\n"
                    + "|---:|---|---:|---:|---:|---:|---:|---:|\n");
            StringBuilder agreement = new StringBuilder();
            for (int sizeIndex = 0; sizeIndex < sizes.size(); sizeIndex++) {
                long size = sizes.get(sizeIndex);
                int runs = runCounts.get(Math.min(sizeIndex, runCounts.size() - 1));
                Path file = ensureFile(data, size);
                long lines;
                try (var all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    lines = all.count();
                }
                Map<String, List<Run>> byApproach = new java.util.LinkedHashMap<>();
                String[] plainCounts = null;
                String[] duckCounts = null;
                for (int r = 0; r < runs; r++) {
                    Files.deleteIfExists(gcLog);
                    List<String> plainCommand = new ArrayList<>(List.of(java, "-Xlog:gc:file=" + gcLog));
                    plainCommand.addAll(loopHeap);
                    plainCommand.addAll(List.of("-cp", benchJar.toString(), PlainLoop.class.getName(), file.toString()));
                    MeasuredProcess.Result plain = MeasuredProcess.run(plainCommand, data.resolve("plain.log"));
                    plainCounts = resultLine(plain, "plain loop");
                    record(byApproach, "plain loop (1 thread)", plain, gcLog);

                    Files.deleteIfExists(gcLog);
                    MeasuredProcess.Result duck = MeasuredProcess.run(List.of(java, "-Xlog:gc:file=" + gcLog,
                            "-cp", benchJar.toString(), DuckDbAggregation.class.getName(), file.toString(), imd.toString()),
                            data.resolve("duckdb.log"));
                    duckCounts = resultLine(duck, "DuckDB");
                    record(byApproach, "DuckDB over JDBC (all cores, less work: below)", duck, gcLog);

                    for (int p : size <= jobMaxSize ? parallelisms : List.<Integer>of()) {
                        commands.flushall();
                        Files.deleteIfExists(gcLog);
                        Path checkpoints = Files.createTempDirectory(data, "checkpoints");
                        MeasuredProcess.Result job = MeasuredProcess.run(jobCommand(java, flinkLib, jobJar, file,
                                        redis.url(), checkpoints, "--parallelism", Integer.toString(p)),
                                Map.of("JOB_JAVA_OPTS", "-Xmx" + heap + " -Xlog:gc:file=" + gcLog), data.resolve("job.log"));
                        if (job.exitCode() != 0) {
                            throw new IllegalStateException("the job failed:\n" + job.output());
                        }
                        checkSameCounts(plainCounts, commands.hgetall("core20:quality"), p);
                        record(byApproach, "Flink job → Redis, parallelism " + p + ", heap " + heap, job, gcLog);
                    }
                    System.out.printf(Locale.UK, "%,d events, run %d of %d done%n", lines, r + 1, runs);
                }
                agreement.append(String.format(Locale.UK, "- %,d lines: the plain loop (and the job) accepted %,d events, "
                        + "%,d of them attended attendances; DuckDB kept %,d distinct event ids, %,d attended%n",
                        lines, Long.parseLong(plainCounts[2]), Long.parseLong(plainCounts[7]),
                        Long.parseLong(duckCounts[1]), Long.parseLong(duckCounts[2])));
                double plainRate = rate(lines, median(byApproach.get("plain loop (1 thread)")));
                for (var e : byApproach.entrySet()) {
                    List<Run> rs = e.getValue();
                    long med = median(rs);
                    long fastest = rs.stream().mapToLong(Run::millis).min().orElseThrow();
                    long slowest = rs.stream().mapToLong(Run::millis).max().orElseThrow();
                    long memory = medianOf(rs.stream().mapToLong(Run::peakRss).toArray());
                    long liveHeap = medianOf(rs.stream().mapToLong(Run::peakHeap).toArray());
                    table.append(String.format(Locale.UK,
                            "| %,d | %s | %,.0f | %,.0f–%,.0f | %.1f s | %,.2f GB | %,.2f GB | %.2f× |%n",
                            lines, e.getKey(), rate(lines, med), rate(lines, slowest), rate(lines, fastest), med / 1000.0,
                            memory / 1e9, liveHeap / 1e9, rate(lines, med) / plainRate));
                }
            }
            replaceSection(out, START, END, section(table.toString(), agreement.toString(), runCounts, startup, sizes,
                    heap, jobMaxSize, loopHeap));
            System.out.println("written to " + out);
        }
    }

    private static void record(Map<String, List<Run>> byApproach, String approach, MeasuredProcess.Result result,
            Path gcLog) throws IOException {
        byApproach.computeIfAbsent(approach, k -> new ArrayList<>())
                .add(new Run(result.millis(), result.peakRssBytes(), MeasuredProcess.peakHeapAfterGc(gcLog)));
    }

    /** The IMD 2025 lookup the core reads, as a file DuckDB can read. */
    private static Path imdFile(Path data) throws IOException {
        Path file = data.resolve("imd2025_lsoa21.csv");
        try (var in = Benchmarks.class.getClassLoader().getResourceAsStream("imd/imd2025_lsoa21.csv")) {
            if (in == null) {
                throw new IllegalStateException("imd/imd2025_lsoa21.csv is not on the classpath");
            }
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The job over an empty file: JVMs, MiniCluster and Redis connection, the fixed cost in every job row. */
    private static long startupMillis(String java, Path jobJar, Path flinkLib, String redis, Path data)
            throws IOException, InterruptedException {
        Path empty = data.resolve("empty.jsonl");
        Files.writeString(empty, "");
        MeasuredProcess.Result r = MeasuredProcess.run(jobCommand(java, flinkLib, jobJar, empty, redis,
                Files.createTempDirectory(data, "checkpoints")), data.resolve("job.log"));
        return r.millis();
    }

    /**
     * The job as deployed, reading files from {@code input} (a file, or a directory with {@code --watch})
     * into Redis from empty state, with any further options.
     */
    static List<String> jobCommand(String java, Path flinkLib, Path jobJar, Path input, String redisUrl,
            Path checkpoints, String... options) {
        List<String> command = new ArrayList<>(List.of(java, "-Dcore20.flink.lib=" + flinkLib.toAbsolutePath(), "-jar",
                jobJar.toString(), "--source", "files", "--input", input.toString(), "--redis", redisUrl,
                "--restore", "none", "--checkpoint-dir", checkpoints.toUri().toString()));
        command.addAll(List.of(options));
        return command;
    }

    /** A generated file of about {@code size} lines (made once, then reused). */
    private static Path ensureFile(Path data, long size) throws IOException {
        Path file = data.resolve("events-" + size + ".jsonl");
        if (!Files.exists(file)) {
            generate(file, size);
        }
        return file;
    }

    /** About {@code size} lines of a year of six ICBs, with repeated and malformed lines. */
    static void generate(Path file, long size) throws IOException {
        generate(file, MONTHS, Math.max(1, Math.round(size / (EVENTS_PER_EPISODE * ICBS.size() * MONTHS))));
    }

    /** {@code months} of six ICBs at {@code episodes} an ICB a month, with repeated and malformed lines. */
    static void generate(Path file, int months, long episodes) throws IOException {
        System.out.printf(Locale.UK, "generating about %,.0f events into %s%n",
                episodes * EVENTS_PER_EPISODE * ICBS.size() * months, file);
        GenerateEvents.main(new String[] {"--out", file.toString(), "--months", Integer.toString(months),
                "--episodes", Long.toString(episodes), "--icbs", String.join(",", ICBS),
                "--end", "2026-11-01T00:00:00Z", "--bad-rate", "0.005", "--duplicate-rate", "0.01"});
    }

    private static String[] resultLine(MeasuredProcess.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed:\n" + r.output());
        }
        return r.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " printed no result:\n" + r.output()))
                .split(" ");
    }

    /** The job must have counted what the loop counted: accepted, repeated and rejected lines. */
    private static void checkSameCounts(String[] plain, Map<String, String> quality, int parallelism) {
        long accepted = Long.parseLong(quality.getOrDefault("accepted", "0"));
        long duplicates = Long.parseLong(quality.getOrDefault("duplicate", "0"));
        long rejected = quality.entrySet().stream().filter(e -> e.getKey().startsWith("rejected:"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        if (accepted != Long.parseLong(plain[2]) || duplicates != Long.parseLong(plain[3])
                || rejected != Long.parseLong(plain[4])) {
            throw new IllegalStateException("the job at parallelism " + parallelism + " counted " + accepted + " accepted, "
                    + duplicates + " repeated, " + rejected + " rejected; the plain loop " + plain[2] + ", " + plain[3]
                    + ", " + plain[4]);
        }
    }

    /** The machine, the JDK and the day, for the head of each section. */
    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores ("
                + cpu + "), " + Math.round(memKb / 1024.0 / 1024.0) + " GiB, Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }

    private static String section(String table, String agreement, List<Integer> runs, long startupMillis,
            List<Long> sizes, String heap, long jobMaxSize, List<String> loopHeap) throws IOException {
        boolean someWithoutJob = sizes.stream().anyMatch(s -> s > jobMaxSize);
        String runsText = String.join(",", runs.stream().map(String::valueOf).toList());
        return START + "\n"
                + machine() + "; sizes " + sizes + ", runs of each " + (runs.size() == 1 ? "" : "by size ") + runsText
                + ".\n\n"
                + "Command: `mvn -q -DskipTests package && java -jar benchmarks/target/core20-benchmarks.jar --sizes "
                + String.join(",", sizes.stream().map(String::valueOf).toList()) + " --runs " + runsText
                + " --job-heap " + heap + (loopHeap.isEmpty() ? "" : " --loop-heap " + loopHeap.get(0).substring(4))
                + (someWithoutJob ? " --job-max-size " + jobMaxSize : "") + "`\n\n"
                + table + "\n"
                + (someWithoutJob ? String.format(Locale.UK, "The job ran over files of up to %,d events only "
                + "(`--job-max-size`): its state over larger files would not fit this machine's memory at the default "
                + "retention (below, [what the job's heap holds](#what-the-jobs-heap-holds)).%n%n", jobMaxSize) : "")
                + String.format(Locale.UK, "Every job row includes the job's fixed start-up (two JVMs, the MiniCluster, "
                + "connecting to Redis), measured over an empty file at %.1f s. Events/s counts every line of the file "
                + "(about 1%% repeated and 0.5%% malformed lines included). Peak memory is the resident memory of the "
                + "whole process tree (launcher and job JVM), sampled every 50 ms. The job's JVM has a fixed heap of %s; "
                + "the plain loop's JVM " + (loopHeap.isEmpty() ? "the default (a quarter of the machine's memory)"
                        : "a maximum heap of " + loopHeap.get(0).substring(4))
                + ", and DuckDB's JVM the default; DuckDB's own memory is outside the Java heap. Peak heap after GC is the most the JVM held after any collection "
                + "(from `-Xlog:gc`): the live data it had to keep.%n%n", startupMillis / 1000.0, heap)
                + "What each counted (the job's accepted, repeated and rejected counts are checked against the loop's "
                + "before a row is written; DuckDB checks no more than JSON and the fields it groups by, so it keeps "
                + "records the input contract rejects):\n\n" + agreement
                + END + "\n";
    }

    /** Replaces the text from {@code start} to {@code end} (markers included) in {@code out} with {@code section}. */
    static void replaceSection(Path out, String start, String end, String section) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n\n" + start + "\n" + end + "\n";
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(out + " has no " + start + " … " + end + " section to replace");
        }
        Files.writeString(out, doc.substring(0, from) + section + doc.substring(to + end.length() + 1));
    }

    private static long median(List<Run> runs) {
        return medianOf(runs.stream().mapToLong(Run::millis).toArray());
    }

    private static long medianOf(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double rate(long lines, long millis) {
        return lines * 1000.0 / Math.max(1, millis);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
