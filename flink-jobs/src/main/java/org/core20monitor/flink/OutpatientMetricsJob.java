package org.core20monitor.flink;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.flink.sink.RedisSink;
import org.core20monitor.flink.sink.RedisWrite;
import org.core20monitor.flink.source.EventSources;
import org.core20monitor.flink.source.SourceLine;

/**
 * Outpatient events in, inequality views out: parse and validate (rejections to the dead-letter
 * output), drop repeated event ids, enrich with IMD, count per month and scope, and write views and
 * data-quality counters to Redis.
 *
 * <p>{@link #build} takes its input stream and sink as parameters so tests can supply their own;
 * {@link #main} wires the configured source and the Redis sink.
 */
public final class OutpatientMetricsJob {

    private final JobOptions options;

    public OutpatientMetricsJob(JobOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.from(args, System.getenv());
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.enableCheckpointing(options.checkpointIntervalMillis());

        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        job.build(job.source(env), redisSink(options.redisUrl()));
        env.execute("core20-outpatient-metrics");
    }

    /** The configured input: the generator (one sequential simulation) or files. */
    public DataStream<SourceLine> source(StreamExecutionEnvironment env) {
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

    public void build(DataStream<SourceLine> lines, Sink<RedisWrite> sink) {
        ImdLookup imd = options.imdFile() == null
                ? ImdLookup.load(options.imdEdition())
                : ImdLookup.load(options.imdEdition(), Path.of(options.imdFile()));

        SingleOutputStreamOperator<OutpatientEvent> parsed = lines
                .process(new ParseEvents(new EventParser()))
                .name("parse-and-validate").uid("parse-and-validate");

        SingleOutputStreamOperator<OutpatientEvent> unique = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<OutpatientEvent>forBoundedOutOfOrderness(Duration.ofHours(1))
                        .withTimestampAssigner((event, previous) -> event.eventTimeMillis())
                        .withIdleness(Duration.ofSeconds(30)))
                .name("event-time").uid("event-time")
                .keyBy(OutpatientEvent::eventId)
                .process(new FirstOccurrence())
                .name("drop-repeated-event-ids").uid("drop-repeated-event-ids");

        Enrichment enrichment = new Enrichment(imd);
        DataStream<RedisWrite> views = unique
                .flatMap(new RouteToCells(enrichment))
                .name("enrich-and-route-to-cells").uid("enrich-and-route-to-cells")
                .keyBy(CellUpdate::cell)
                .process(new CellAggregator(options.emitIntervalMillis(), options.allowedLatenessMillis()))
                .name("aggregate-views").uid("aggregate-views");

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParseEvents.DEAD_LETTERS);
        DataStream<QualitySignal> signals = unique
                .flatMap(new ClassifyQuality(enrichment))
                .name("classify-data-quality").uid("classify-data-quality")
                .union(unique.getSideOutput(FirstOccurrence.DUPLICATES),
                        deadLetters.map(d -> QualitySignal.rejected(d.reason()))
                                .name("count-rejected").uid("count-rejected"));
        DataStream<RedisWrite> quality = signals
                .keyBy(QualitySignal::counter)
                .process(new QualityCounter(options.emitIntervalMillis()))
                .name("data-quality-counters").uid("data-quality-counters");

        DataStream<RedisWrite> deadLetterWrites = deadLetters
                .map(d -> RedisWrite.hset(RedisKeys.DEAD_LETTER, d.id(), DeadLetters.json(d.withoutIdentifiers()), false))
                .name("dead-letter-records").uid("dead-letter-records");

        views.union(quality, deadLetterWrites)
                .sinkTo(sink)
                .name("redis").uid("redis");
    }
}
