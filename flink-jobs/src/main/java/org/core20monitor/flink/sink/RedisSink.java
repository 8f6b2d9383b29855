package org.core20monitor.flink.sink;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link RedisWrite}s to Redis through Lettuce, one pipelined connection per writer, and
 * publishes the changed keys on a channel after each batch. At-least-once (a batch is flushed before
 * every checkpoint completes); since every write is an idempotent upsert, a replay leaves the same
 * values. A Redis outage holds the job back until Redis returns instead of failing it
 * ({@link RedisSinkWriter}).
 */
public final class RedisSink implements Sink<RedisWrite> {

    private final String redisUrl;
    private final String channel;
    private final long flushIntervalMillis;
    private final int maxBatch;

    public RedisSink(String redisUrl, String channel, long flushIntervalMillis, int maxBatch) {
        this.redisUrl = redisUrl;
        this.channel = channel;
        this.flushIntervalMillis = flushIntervalMillis;
        this.maxBatch = maxBatch;
    }

    @Override
    public SinkWriter<RedisWrite> createWriter(WriterInitContext context) throws IOException {
        return new RedisSinkWriter(redisUrl, channel, flushIntervalMillis, maxBatch, context.getProcessingTimeService(),
                context.metricGroup());
    }
}
