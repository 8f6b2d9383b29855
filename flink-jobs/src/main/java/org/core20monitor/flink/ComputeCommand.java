package org.core20monitor.flink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/**
 * {@code compute}: the same job, bounded over a JSON Lines file or directory, writing every view that
 * has data (every metric × month × scope × breakdown) as JSON Lines, and the rejected records with
 * their reasons. How an analyst reproduces a published figure.
 *
 * <pre>
 * java -jar flink-jobs/target/core20-flink-jobs.jar compute --input PATH --output VIEWS.jsonl
 *     [--dead-letter REJECTS.jsonl] [--no-disclosure-control] [--imd-edition 2025|2019] [--parallelism N]
 *     [--areas-file TABLE]
 * </pre>
 */
public final class ComputeCommand {

    static final String USAGE = "usage: compute --input PATH --output VIEWS.jsonl [--dead-letter REJECTS.jsonl] "
            + "[--no-disclosure-control] [--imd-edition 2025|2019] [--parallelism N] [--areas-file TABLE]";

    private ComputeCommand() {}

    /** Runs the command; returns the process exit code (0 even when some records were rejected). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options = new HashMap<>();
        boolean disclosure = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-disclosure-control" -> disclosure = false;
                case "--input", "--output", "--dead-letter", "--imd-edition", "--parallelism", "--areas-file" -> {
                    if (i + 1 >= args.length) {
                        err.println(args[i] + " needs a value\n" + USAGE);
                        return 2;
                    }
                    options.put(args[i].substring(2), args[++i]);
                }
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        String input = options.get("input");
        String output = options.get("output");
        if (input == null || output == null) {
            err.println("--input and --output are required\n" + USAGE);
            return 2;
        }
        if (!Files.exists(Path.of(input))) {
            err.println("input not found: " + input);
            return 2;
        }
        if (options.containsKey("areas-file") && !Files.isRegularFile(Path.of(options.get("areas-file")))) {
            err.println("clinical area table not found: " + options.get("areas-file"));
            return 2;
        }
        String edition = options.getOrDefault("imd-edition", "2025");
        if (!edition.equals("2025") && !edition.equals("2019")) {
            err.println("--imd-edition must be 2025 (LSOA 2021 codes) or 2019 (LSOA 2011 codes), was " + edition);
            return 2;
        }
        int parallelism;
        try {
            parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
            if (parallelism < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("--parallelism must be a positive whole number, was " + options.get("parallelism"));
            return 2;
        }
        List<Path> outputs = new ArrayList<>(List.of(Path.of(output)));
        if (options.containsKey("dead-letter")) {
            outputs.add(Path.of(options.get("dead-letter")));
        }
        for (Path path : outputs) {
            if (Files.exists(path) && Files.exists(Path.of(input))
                    && Files.isSameFile(path, Path.of(input))) {
                err.println("the output " + path + " is the input: refusing to overwrite it");
                return 2;
            }
            try {
                Files.newBufferedWriter(path, StandardCharsets.UTF_8).close();
            } catch (IOException e) {
                err.println("cannot write " + path + ": " + e.getMessage());
                return 2;
            }
        }

        List<String> jobArgs = new ArrayList<>(List.of("--source", "files", "--input", input,
                "--imd", edition,
                // Only the final snapshot of each cell matters here; event-time timers emit it at the end.
                "--emit-interval", "3600000"));
        if (options.containsKey("areas-file")) {
            jobArgs.addAll(List.of("--areas-file", options.get("areas-file")));
        }
        JobOptions jobOptions;
        try {
            jobOptions = JobOptions.from(jobArgs.toArray(new String[0]), Map.of());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Results results = compute(jobOptions, parallelism);
        long views = writeViews(results, Path.of(output), disclosure);
        if (options.containsKey("dead-letter")) {
            writeDeadLetters(results.deadLetters, Path.of(options.get("dead-letter")));
        }
        out.printf("%,d views written to %s (%s); %,d records rejected%n", views, output,
                disclosure ? "disclosure control applied" : "NO disclosure control: not for publication",
                results.deadLetters.size());
        return 0;
    }

    /** The final snapshot of every cell and live waiting list, and every dead letter, of a bounded run. */
    record Results(Map<String, CellSnapshot> cells, Map<String, CellSnapshot> live, List<DeadLetter> deadLetters) {}

    static Results compute(JobOptions options, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        OutpatientMetricsJob.Outputs outputs = job.build(job.source(env));
        CloseableIterator<CellSnapshot> cells = outputs.cells().collectAsync();
        CloseableIterator<CellSnapshot> live = outputs.liveWaits().collectAsync();
        CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync();
        JobClient client = env.executeAsync("core20-compute");

        // The collect sinks hold back the job until their results are fetched, so drain all three at once.
        Map<String, CellSnapshot> lastCells = new ConcurrentHashMap<>();
        Map<String, CellSnapshot> lastLive = new ConcurrentHashMap<>();
        List<DeadLetter> rejected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService drains = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = List.of(
                    drains.submit(() -> cells.forEachRemaining(c -> lastCells.put(c.period() + "|" + c.scope().id(), c))),
                    drains.submit(() -> live.forEachRemaining(c -> lastLive.put(c.scope().id(), c))),
                    drains.submit(() -> deadLetters.forEachRemaining(rejected::add)));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            drains.shutdownNow();
        }
        client.getJobExecutionResult().get();
        rejected.sort(Comparator.comparing(DeadLetter::source).thenComparingLong(DeadLetter::position));
        return new Results(lastCells, lastLive, rejected);
    }

    static long writeViews(Results results, Path output, boolean disclosure) throws IOException {
        ViewBuilder.Cells cells = new ViewBuilder.Cells() {
            @Override
            public CellSnapshot cell(String period, Scope scope) {
                return results.cells.get(period + "|" + scope.id());
            }

            @Override
            public CellSnapshot liveWaits(Scope scope) {
                return results.live.get(scope.id());
            }
        };
        Set<String> keys = new LinkedHashSet<>(results.cells.keySet());
        results.live.values().forEach(l -> keys.add(l.period() + "|" + l.scope().id()));
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        List<Breakdown> breakdowns = Breakdowns.standard().list();
        long written = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (String key : sorted) {
                String[] cell = key.split("\\|", 2);
                Scope scope = Scope.fromId(cell[1]);
                for (Metric metric : Metric.values()) {
                    for (Breakdown breakdown : breakdowns) {
                        View view = ViewBuilder.build(metric, breakdown, cell[0], scope, cells);
                        if (view == null || isEmpty(view.overall())) {
                            continue;
                        }
                        writer.write(ViewJson.write(disclosure ? DisclosureControl.apply(view) : view));
                        writer.newLine();
                        written++;
                    }
                }
            }
        }
        return written;
    }

    /** Nothing was counted: no events in the numerator or denominator, no pathways. */
    private static boolean isEmpty(GroupValue overall) {
        return (overall.numerator() == null || overall.numerator() == 0)
                && (overall.denominator() == null || overall.denominator() == 0);
    }

    static void writeDeadLetters(List<DeadLetter> deadLetters, Path path) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (DeadLetter d : deadLetters) {
                writer.write(DeadLetters.json(d));
                writer.newLine();
            }
        }
    }
}
