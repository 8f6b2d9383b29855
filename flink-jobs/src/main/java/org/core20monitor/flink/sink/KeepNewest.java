package org.core20monitor.flink.sink;

/**
 * The Lua script behind {@link RedisWrite.Kind#HSET_KEEP_NEWEST}: one atomic step, so the hash and its
 * index never disagree, whichever writer or retry runs it.
 *
 * <ul>
 *   <li>{@code HSET} the entry (the same value again on a replay);</li>
 *   <li>{@code ZADD NX} its field to the index with Redis's clock in microseconds, so an entry keeps
 *       the time it was first stored when a replay writes it again, and all writers share one clock;</li>
 *   <li>drop the oldest entries from both beyond {@code keep}, a thousand at a time (Lua's
 *       {@code unpack} has a stack limit), so a lowered limit takes effect at the next write.</li>
 * </ul>
 *
 * The score is built as a string: Lua would print a 16-digit number in {@code %.14g} and lose the
 * microseconds.
 */
final class KeepNewest {

    /** KEYS: hash, index. ARGV: field, value, keep. Returns how many old entries were dropped. */
    static final String SCRIPT = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local now = redis.call('TIME')
            redis.call('ZADD', KEYS[2], 'NX', now[1] .. string.format('%06d', tonumber(now[2])), ARGV[1])
            local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
            local dropped = 0
            while excess > 0 do
              local n = math.min(excess, 1000)
              local oldest = redis.call('ZRANGE', KEYS[2], 0, n - 1)
              redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - 1)
              redis.call('HDEL', KEYS[1], unpack(oldest))
              excess = excess - n
              dropped = dropped + n
            end
            return dropped
            """;

    private KeepNewest() {}
}
