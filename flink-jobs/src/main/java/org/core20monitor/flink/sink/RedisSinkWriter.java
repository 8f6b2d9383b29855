package org.core20monitor.flink.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers writes and sends them as one pipelined batch, by size, by time, and before checkpoints.
 *
 * <p>Redis going away does not fail the job. A batch that fails for any reason (connection refused or
 * lost, a timeout, an error reply) is sent again, whole, after a back-off that doubles from 100 ms to
 * 5 s, for as long as it takes. Meanwhile {@code write}, {@code flush} and the flush timer block, so the
 * job is back-pressured rather than buffering without bound, and the checkpoint barrier waits too, so
 * no checkpoint claims writes Redis has not acknowledged. Pending writes are coalesced by target (last
 * write wins), so the batch never holds more than {@code maxBatch} entries. Resending is safe because
 * every write is an idempotent SET, HSET or SADD of a full value (or the {@link KeepNewest} script) and
 * the announcement a PUBLISH: the server is told again about every key in the batch once Redis is back.
 * One WARN is logged when an outage starts and one INFO when it ends.
 *
 * <p>Commands go over one connection, in order, and a batch is only sent once the one before it has been
 * acknowledged whole, so a resent batch cannot land after a newer write to the same key. A command
 * times out after {@link #COMMAND_TIMEOUT}. After any failure the connection is closed and the retry
 * loop makes a new one, rather than Lettuce reconnecting in the background: nothing piles up on a
 * connection that hangs, the resent batch is the only thing on the new one, and an outage logs one
 * line rather than one per reconnection attempt. The first connection is made the same way, so a job
 * can also start, or resume, while Redis is down.
 *
 * <p>Redis is expected to persist what it acknowledged (AOF, as production runs it): a Redis that comes
 * back empty lost writes the job will not repeat until the keys change again.
 */
final class RedisSinkWriter implements SinkWriter<RedisWrite> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSinkWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    static final Duration REPEAT_WARNING = Duration.ofMinutes(1);

    private final RedisClient client;
    private final String where;
    private StatefulRedisConnection<String, String> connection;
    private final String channel;
    private final long flushIntervalMillis;
    private final int maxBatch;
    private final ProcessingTimeService timers;
    private final Map<String, RedisWrite> pending = new LinkedHashMap<>();
    /** When the current outage began (System.nanoTime()), or 0; read by the metrics thread. */
    private volatile long failingSince;
    private volatile int held;

    RedisSinkWriter(String redisUrl, String channel, long flushIntervalMillis, int maxBatch,
                    ProcessingTimeService timers, MetricGroup metrics) {
        RedisURI uri = RedisURI.create(redisUrl);
        this.where = uri.getHost() + ":" + uri.getPort(); // not the URL: it may carry a password
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(MAX_RETRY).build())
                .build());
        this.channel = channel;
        this.flushIntervalMillis = flushIntervalMillis;
        this.maxBatch = maxBatch;
        this.timers = timers;
        metrics.gauge("redisFailingSeconds", () -> failingSince == 0 ? 0L : (System.nanoTime() - failingSince) / 1_000_000_000);
        metrics.gauge("redisHeldWrites", () -> held);
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

    /** Sends the pending batch, retrying until Redis has acknowledged all of it. */
    private void send() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
        boolean failing = false;
        long outageStarted = 0;
        long lastWarning = 0;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                sendOnce();
                if (failing) {
                    LOG.info("Redis at {} is back after {} s and {} attempts: {} held writes sent", where,
                            (System.nanoTime() - outageStarted) / 1_000_000_000, attempts, pending.size());
                }
                pending.clear();
                failingSince = 0;
                held = 0;
                return;
            } catch (RuntimeException | IOException e) {
                dropConnection();
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(e); // the task is being cancelled
                }
                long now = System.nanoTime();
                if (!failing) {
                    failing = true;
                    outageStarted = now;
                    lastWarning = now;
                    failingSince = now;
                    held = pending.size();
                    LOG.warn("Redis at {} failed a batch ({}); holding {} writes, back-pressuring the job and "
                            + "retrying every {} ms up to every {} s until Redis is back", where, e.toString(),
                            pending.size(), FIRST_RETRY.toMillis(), MAX_RETRY.toSeconds());
                } else if (now - lastWarning >= REPEAT_WARNING.toNanos()) {
                    lastWarning = now;
                    LOG.warn("Redis at {} still failing after {} s and {} attempts, {} writes held; latest error: {}",
                            where, (now - outageStarted) / 1_000_000_000, attempts, pending.size(), e.toString());
                } else {
                    LOG.debug("Redis at {} still failing after {} attempts: {}", where, attempts, e.toString());
                }
            }
            try {
                Thread.sleep(backoff.next().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
        }
    }

    /** One attempt: the whole batch and its announcement, pipelined; throws unless every reply is OK. */
    private void sendOnce() throws IOException {
        StatefulRedisConnection<String, String> c = connection();
        RedisAsyncCommands<String, String> commands = c.async();
        List<RedisFuture<?>> futures = new ArrayList<>(pending.size() + 1);
        Set<String> announced = new LinkedHashSet<>();
        for (RedisWrite w : pending.values()) {
            futures.add(switch (w.kind()) {
                case SET -> commands.set(w.key(), w.value());
                case HSET -> commands.hset(w.key(), w.field(), w.value());
                case SADD -> commands.sadd(w.key(), w.field());
                case HSET_KEEP_NEWEST -> commands.eval(KeepNewest.SCRIPT, ScriptOutputType.INTEGER,
                        new String[] {w.key(), w.index()}, w.field(), w.value(), Long.toString(w.keep()));
            });
            if (w.announce()) {
                announced.add(w.key());
            }
        }
        if (!announced.isEmpty()) {
            futures.add(commands.publish(channel, json(announced)));
        }
        c.flushCommands();
        if (!LettuceFutures.awaitAll(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, futures.toArray(new RedisFuture[0]))) {
            throw new IOException("Redis did not acknowledge a batch of " + futures.size() + " writes in " + COMMAND_TIMEOUT);
        }
        for (RedisFuture<?> f : futures) {
            if (f.getError() != null) {
                throw new IOException("Redis rejected a write: " + f.getError());
            }
        }
    }

    /** The connection, made on first use and again after a failure. */
    private StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            StatefulRedisConnection<String, String> c = client.connect();
            // Pipelining: commands are written when the batch is complete, not one by one.
            c.setAutoFlushCommands(false);
            connection = c;
        }
        return connection;
    }

    /** Closes the connection after a failure: whatever it still had in flight is abandoned, not queued. */
    private void dropConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    private static InterruptedIOException interrupted(Exception cause) {
        InterruptedIOException e = new InterruptedIOException("interrupted while sending to Redis");
        e.initCause(cause);
        return e;
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
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
