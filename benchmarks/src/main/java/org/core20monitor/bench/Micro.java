package org.core20monitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.IsoInstants;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.DayHistograms;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.WaitStats;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.SlopeIndex;
import org.core20monitor.core.stats.WilsonInterval;
import org.core20monitor.core.view.ViewBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH micro-benchmarks of the core's per-event and per-view work: the parser over generated lines,
 * the IMD look-up and enrichment, the per-event breakdown slots, Wilson intervals, a waiting list's
 * figures from its histograms, and the slope index of inequality with its Monte Carlo interval (the
 * most expensive statistic a view computes). Run with {@code java -jar core20-benchmarks.jar micro};
 * the table goes to the {@code micro} section of {@code docs/BENCHMARKS.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Micro {

    static final String START = "<!-- micro:start -->";
    static final String END = "<!-- micro:end -->";

    private final EventParser parser = new EventParser();
    private final Breakdowns breakdowns = Breakdowns.standard();
    private List<String> lines;
    private List<OutpatientEvent> events;
    private List<String> lsoas;
    private List<String> times;
    private ImdLookup imd;
    private Enrichment enrichment;
    private DayHistograms waitingList;
    private List<SlopeIndex.Quantile> quintiles;
    private long[][] proportions;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path file = Files.createTempFile("micro-events", ".jsonl");
        try {
            Benchmarks.generate(file, 20_000);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
        events = new ArrayList<>();
        for (String line : lines) {
            if (parser.parse(line) instanceof ParseResult.Valid valid) {
                events.add(valid.event());
            }
        }
        times = events.stream().map(e -> java.time.Instant.ofEpochMilli(e.eventTimeMillis()).toString()).toList();
        imd = ImdLookup.load(ImdEdition.IMD2025);
        enrichment = new Enrichment(imd);
        lsoas = imd.areas().stream().map(ImdLookup.Area::lsoa).toList();

        // One ICB's open list: 60,000 pathways spread over two years of clock starts, in every slot.
        SplittableRandom random = new SplittableRandom(7);
        waitingList = new DayHistograms(breakdowns.slots());
        long today = 20_400;
        for (int i = 0; i < 60_000; i++) {
            int[] slots = breakdowns.slotsOf(enrichment.profile(events.get(random.nextInt(events.size()))));
            waitingList.add(slots, today - (long) (random.nextDouble() * random.nextDouble() * 730), +1);
        }
        quintiles = List.of(
                new SlopeIndex.Quantile(41_000, 9.1, 8.8, 9.4), new SlopeIndex.Quantile(39_500, 8.2, 7.9, 8.5),
                new SlopeIndex.Quantile(38_200, 7.6, 7.3, 7.9), new SlopeIndex.Quantile(37_900, 7.0, 6.7, 7.3),
                new SlopeIndex.Quantile(36_400, 6.1, 5.9, 6.4));
        proportions = new long[1024][];
        for (int i = 0; i < proportions.length; i++) {
            long n = 1 + random.nextInt(200_000);
            proportions[i] = new long[] {random.nextLong(n + 1), n};
        }
    }

    @Benchmark
    public ParseResult parseLine() {
        return parser.parse(lines.get(next++ % lines.size()));
    }

    @Benchmark
    public Integer imdDecileOfLsoa() {
        return imd.decile(lsoas.get(next++ % lsoas.size()));
    }

    @Benchmark
    public int[] enrichAndSlot() {
        return breakdowns.slotsOf(enrichment.profile(events.get(next++ % events.size())));
    }

    @Benchmark
    public Interval wilsonInterval() {
        long[] p = proportions[next++ & 1023];
        return WilsonInterval.of95(p[0], p[1]);
    }

    @Benchmark
    public List<WaitStats> waitingListFigures() {
        return waitingList.waitsAt(20_400);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SlopeIndex.Result slopeIndexMonteCarlo() {
        // A new seed each call, so the interval is simulated rather than remembered.
        return SlopeIndex.compute(quintiles, SlopeIndex.Transform.NONE, 1, ViewBuilder.SII_DRAWS, next++);
    }

    @Benchmark
    public SlopeIndex.Result slopeIndexRemembered() {
        return SlopeIndex.compute(quintiles, SlopeIndex.Transform.NONE, 1, ViewBuilder.SII_DRAWS, SlopeIndex.DEFAULT_SEED);
    }

    @Benchmark
    public long eventTimeJavaTime() {
        return OffsetDateTime.parse(times.get(next++ % times.size())).toInstant().toEpochMilli();
    }

    @Benchmark
    public long eventTimeDirect() {
        return IsoInstants.epochMillis(times.get(next++ % times.size()));
    }

    /** What each benchmark measures, for the table. */
    private static String describe(String name) {
        return switch (name) {
            case "parseLine" -> "parse and validate one JSON line (generated, 0.5% malformed)";
            case "imdDecileOfLsoa" -> "IMD 2025 decile of an LSOA (33,755 areas)";
            case "enrichAndSlot" -> "an event's profile and its breakdown slots";
            case "wilsonInterval" -> "Wilson 95% interval of a proportion";
            case "waitingListFigures" -> "an ICB's waiting-list figures (60,000 pathways, every slot)";
            case "slopeIndexMonteCarlo" -> "SII and RII of five quintiles, 10,000 Monte Carlo draws (as in a view)";
            case "slopeIndexRemembered" -> "the same, inputs seen before (a result remembered)";
            case "eventTimeJavaTime" -> "an event_time read by `OffsetDateTime.parse` (the parser before)";
            case "eventTimeDirect" -> "an event_time read directly by the core (`IsoInstants`, the parser now)";
            default -> name;
        };
    }

    static void run(Path out) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(Micro.class.getName() + "\\.").build())
                .run();
        StringBuilder table = new StringBuilder("| benchmark | what | mean time per call | ± (99.9%) |\n|---|---|---:|---:|\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            var score = r.getPrimaryResult();
            table.append(String.format(Locale.UK, "| `%s` | %s | %,.1f %s | %,.1f |%n", name, describe(name),
                    score.getScore(), score.getScoreUnit().replace("/op", "").replace("us", "µs"), score.getScoreError()));
        }
        Benchmarks.replaceSection(out, START, END, START + "\n" + Benchmarks.machine()
                + "; JMH 1.37, one fork, 3 × 1 s warm-up, 5 × 1 s measured.\n\n"
                + "Command: `java -jar benchmarks/target/core20-benchmarks.jar micro`\n\n" + table + END + "\n");
        System.out.println("written to " + out);
    }
}
