package org.core20monitor.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.ScopeRouting;
import org.core20monitor.core.view.ViewJson;
import org.core20monitor.flink.sink.RedisSink;
import org.core20monitor.flink.sink.RedisWrite;
import org.core20monitor.flink.source.EventSources;
import org.core20monitor.flink.source.SourceLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outpatient events in, cell snapshots out: parse and validate (rejections to the dead-letter
 * output), drop repeated event ids, enrich with IMD and clinical area, count per month and scope,
 * follow every RTT pathway for the waits, and count data quality.
 *
 * <p>{@link #build} takes its input stream as a parameter and returns its output streams, so tests
 * and the batch {@link ComputeCommand} can supply their own source and collect the results; {@link #main}
 * wires the configured source to the Redis sink, checkpointing ({@link JobConfiguration}) and resuming
 * after a restart from the newest checkpoint ({@link ResumePoint}), so a kill loses and double-counts
 * nothing.
 */
public final class OutpatientMetricsJob {

    /** The job's results: cell snapshots, live waiting lists, data-quality writes and dead letters. */
    public record Outputs(DataStream<CellSnapshot> cells, DataStream<CellSnapshot> liveWaits,
                          DataStream<RedisWrite> quality, DataStream<DeadLetter> deadLetters) {}

    private static final Logger LOG = LoggerFactory.getLogger(OutpatientMetricsJob.class);

    private final JobOptions options;

    public OutpatientMetricsJob(JobOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compute")) {
            System.exit(ComputeCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        JobOptions options = JobOptions.from(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobConfiguration.checkpointing(options));
        resume(env, options);

        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        Outputs outputs = job.build(job.source(env));
        job.toRedis(outputs, redisSink(options.redisUrl()));
        if (options.kafka() != null && options.kafka().deadLetterTopic() != null) {
            // Besides Redis, where the data-quality page lists the newest: the topic keeps every one.
            outputs.deadLetters().sinkTo(DeadLetterTopic.sink(options.kafka()))
                    .name("dead-letter-topic").uid("dead-letter-topic");
        }
        env.execute("core20-outpatient-metrics");
    }

    /** Points the job at the checkpoint (or savepoint) to resume from, if any, and says which. */
    static void resume(StreamExecutionEnvironment env, JobOptions options) throws IOException {
        String deploymentPath = env.getConfiguration().get(StateRecoveryOptions.SAVEPOINT_PATH);
        Optional<String> from = ResumePoint.choose(options.restore(), options.checkpointDir(), deploymentPath);
        if (from.isEmpty()) {
            LOG.info("Starting with empty state ({})", options.restore().equals(JobOptions.RESTORE_NONE)
                    ? "--restore none" : "no complete checkpoint under " + options.checkpointDir());
            return;
        }
        String path = from.get();
        if (path.equals(deploymentPath)) {
            LOG.info("Resuming from {} (set by the deployment)", path);
            return;
        }
        boolean found = options.restore().equals(JobOptions.RESTORE_LATEST);
        env.configure(JobConfiguration.resumeFrom(path, found));
        LOG.info("Resuming from {} ({})", path,
                found ? "the newest complete checkpoint under " + options.checkpointDir() : "--restore");
    }

    /** The configured input: the generator (one sequential simulation), files or a Kafka topic. */
    public DataStream<SourceLine> source(StreamExecutionEnvironment env) {
        if (options.source().equals("kafka")) {
            return env.fromSource(EventSources.kafka(options.kafka()), WatermarkStrategy.noWatermarks(), "event-topic")
                    .uid("event-topic");
        }
        if (options.source().equals("files")) {
            return env.fromSource(EventSources.files(options.input(), options.watchInterval()),
                            WatermarkStrategy.noWatermarks(), "event-files")
                    .uid("event-files");
        }
        return env.fromSource(EventSources.generator(options.generator(), options.live(), options.liveEventsPerSecond()),
                        WatermarkStrategy.noWatermarks(), "synthetic-events")
                .setParallelism(1)
                .uid("synthetic-events");
    }

    public static Sink<RedisWrite> redisSink(String redisUrl) {
        return new RedisSink(redisUrl, RedisKeys.UPDATES_CHANNEL, 200, 2_000);
    }

    public Outputs build(DataStream<SourceLine> lines) {
        ImdLookup imd = options.imdFile() == null
                ? ImdLookup.load(options.imdEdition())
                : ImdLookup.load(options.imdEdition(), Path.of(options.imdFile()));
        ClinicalAreas areas = clinicalAreas(options.areasFile());
        Breakdowns breakdowns = Breakdowns.standard();

        SingleOutputStreamOperator<OutpatientEvent> parsed = lines
                .process(new ParseEvents(new EventParser()))
                .name("parse-and-validate").uid("parse-and-validate");

        SingleOutputStreamOperator<OutpatientEvent> firstOccurrences = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<OutpatientEvent>forBoundedOutOfOrderness(Duration.ofHours(1))
                        .withTimestampAssigner((event, previous) -> event.eventTimeMillis())
                        .withIdleness(Duration.ofMillis(options.idleTimeoutMillis())))
                .name("event-time").uid("event-time")
                .keyBy(FirstOccurrence.BUCKET)
                .process(new FirstOccurrence(options.dedupRetentionMillis()))
                .name("drop-repeated-event-ids").uid("drop-repeated-event-ids");
        // Everything below sees the event time the job had reached before a restart straight away.
        SingleOutputStreamOperator<OutpatientEvent> unique = firstOccurrences
                .transform("resume-event-time", firstOccurrences.getType(), new ResumeEventTime<OutpatientEvent>())
                .uid("resume-event-time");

        Enrichment enrichment = new Enrichment(imd);
        SingleOutputStreamOperator<CellInput> routed = unique
                .process(new RouteEvents(enrichment, new ScopeRouting(areas), breakdowns))
                .name("enrich-and-route").uid("enrich-and-route");

        BroadcastStream<Long> clock = unique
                .flatMap(new EventClock.Advances())
                .name("latest-event-day").uid("latest-event-day")
                .broadcast(EventClock.STATE);

        SingleOutputStreamOperator<CellInput> pathwayWaits = routed.getSideOutput(RouteEvents.PATHWAYS)
                .keyBy(PathwayEvent::pathwayId)
                .connect(clock)
                .process(new PathwayTracker(options.allowedLatenessMillis(), options.dedupRetentionMillis()))
                .name("track-rtt-pathways").uid("track-rtt-pathways");

        DataStream<CellSnapshot> cells = routed.union(pathwayWaits)
                .keyBy(CellInput::key)
                .connect(clock)
                .process(new CellAggregator(breakdowns, options.emitIntervalMillis(), options.allowedLatenessMillis()))
                .name("aggregate-cells").uid("aggregate-cells");

        DataStream<CellSnapshot> live = pathwayWaits.getSideOutput(PathwayTracker.LIVE)
                .keyBy(LiveWaitChange::group)
                .connect(clock)
                .process(new LiveWaitAggregator(breakdowns, options.emitIntervalMillis()))
                .name("live-waiting-lists").uid("live-waiting-lists");

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParseEvents.DEAD_LETTERS);
        DataStream<QualitySignal> signals = unique
                .process(new ClassifyQuality(enrichment))
                .name("classify-data-quality").uid("classify-data-quality")
                .union(firstOccurrences.getSideOutput(FirstOccurrence.DUPLICATES),
                        deadLetters.map(d -> QualitySignal.rejected(d.reason()))
                                .name("count-rejected").uid("count-rejected"));
        DataStream<RedisWrite> quality = signals
                .keyBy(QualitySignal::counter)
                .process(new QualityCounter(options.emitIntervalMillis()))
                .name("data-quality-counters").uid("data-quality-counters");
        return new Outputs(cells, live, quality, deadLetters);
    }

    /** Cells, live waiting lists, data quality and dead letters as idempotent Redis writes. */
    public void toRedis(Outputs outputs, Sink<RedisWrite> sink) {
        DataStream<RedisWrite> cellWrites = outputs.cells()
                .flatMap((CellSnapshot cell, org.apache.flink.util.Collector<RedisWrite> out) -> {
                    out.collect(RedisWrite.set(RedisKeys.cell(cell.period(), cell.scope()), json(cell), true));
                    out.collect(RedisWrite.sadd(RedisKeys.PERIODS, cell.period()));
                    out.collect(RedisWrite.sadd(RedisKeys.SCOPES, cell.scope().id()));
                })
                .returns(RedisWrite.class)
                .name("cell-writes").uid("cell-writes");
        DataStream<RedisWrite> liveWrites = outputs.liveWaits()
                .map(live -> RedisWrite.set(RedisKeys.live(live.scope()), json(live), true))
                .name("live-writes").uid("live-writes");
        long keep = options.deadLetterKeep();
        DataStream<RedisWrite> deadLetterWrites = outputs.deadLetters()
                .map(d -> RedisWrite.keepNewest(RedisKeys.DEAD_LETTER, RedisKeys.DEAD_LETTER_INDEX, d.id(),
                        DeadLetters.json(d), keep))
                .name("dead-letter-records").uid("dead-letter-records");
        cellWrites.union(liveWrites, outputs.quality(), deadLetterWrites)
                .sinkTo(sink)
                .name("redis").uid("redis");
    }

    static String json(CellSnapshot cell) {
        return ViewJson.write(cell);
    }

    static ClinicalAreas clinicalAreas(String file) {
        if (file == null) {
            return ClinicalAreas.DEFAULT;
        }
        try {
            return ClinicalAreas.parse(Files.readAllLines(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clinical area table " + file, e);
        }
    }
}
