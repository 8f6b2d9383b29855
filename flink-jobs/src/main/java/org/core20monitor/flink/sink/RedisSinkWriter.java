package org.core20monitor.flink.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Buffers writes and sends them as one pipelined batch, by size, by time, and before checkpoints. */
final class RedisSinkWriter implements SinkWriter<RedisWrite> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final String channel;
    private final long flushIntervalMillis;
    private final int maxBatch;
    private final ProcessingTimeService timers;
    private final Map<String, RedisWrite> pending = new LinkedHashMap<>();

    RedisSinkWriter(String redisUrl, String channel, long flushIntervalMillis, int maxBatch,
                    ProcessingTimeService timers) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
        this.connection.setAutoFlushCommands(false);
        this.commands = connection.async();
        this.channel = channel;
        this.flushIntervalMillis = flushIntervalMillis;
        this.maxBatch = maxBatch;
        this.timers = timers;
        scheduleFlush();
    }

    @Override
    public void write(RedisWrite write, Context context) throws IOException {
        pending.put(write.target(), write);
        if (pending.size() >= maxBatch) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        send();
    }

    private void scheduleFlush() {
        timers.registerTimer(timers.getCurrentProcessingTime() + flushIntervalMillis, time -> {
            send();
            scheduleFlush();
        });
    }

    private void send() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        List<RedisFuture<?>> futures = new ArrayList<>(pending.size() + 1);
        Set<String> announced = new LinkedHashSet<>();
        for (RedisWrite w : pending.values()) {
            futures.add(switch (w.kind()) {
                case SET -> commands.set(w.key(), w.value());
                case HSET -> commands.hset(w.key(), w.field(), w.value());
                case SADD -> commands.sadd(w.key(), w.field());
            });
            if (w.announce()) {
                announced.add(w.key());
            }
        }
        if (!announced.isEmpty()) {
            futures.add(commands.publish(channel, json(announced)));
        }
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, futures.toArray(new RedisFuture[0]))) {
            throw new IOException("Redis did not acknowledge a batch of " + futures.size() + " writes in " + TIMEOUT);
        }
        for (RedisFuture<?> f : futures) {
            if (f.getError() != null) {
                throw new IOException("Redis rejected a write: " + f.getError());
            }
        }
        pending.clear();
    }

    private static String json(Set<String> keys) throws IOException {
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
