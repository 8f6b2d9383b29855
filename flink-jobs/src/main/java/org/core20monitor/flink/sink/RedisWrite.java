package org.core20monitor.flink.sink;

/**
 * One idempotent Redis write. {@code announce} marks writes whose key is published on the updates
 * channel so the server can push the change to browsers. {@code index} and {@code keep} are used by
 * {@link Kind#HSET_KEEP_NEWEST} only.
 */
public record RedisWrite(Kind kind, String key, String field, String value, boolean announce, String index, long keep) {

    public enum Kind {
        SET,
        HSET,
        SADD,
        /**
         * A hash entry whose field is also added to a sorted-set index scored by when Redis first stored
         * it; hash and index are then trimmed together to the newest {@code keep} entries, so a hash that
         * only ever grows (the dead letters) stays bounded. Written again it keeps its first score, so a
         * replay leaves the same entries.
         */
        HSET_KEEP_NEWEST
    }

    public RedisWrite(Kind kind, String key, String field, String value, boolean announce) {
        this(kind, key, field, value, announce, null, 0);
    }

    public static RedisWrite set(String key, String value, boolean announce) {
        return new RedisWrite(Kind.SET, key, null, value, announce);
    }

    public static RedisWrite hset(String key, String field, String value, boolean announce) {
        return new RedisWrite(Kind.HSET, key, field, value, announce);
    }

    public static RedisWrite sadd(String key, String member) {
        return new RedisWrite(Kind.SADD, key, member, null, false);
    }

    /** {@code HSET key field value}, indexed in {@code index} and both trimmed to the newest {@code keep}. */
    public static RedisWrite keepNewest(String key, String index, String field, String value, long keep) {
        if (keep <= 0) {
            throw new IllegalArgumentException("keep must be positive, was " + keep);
        }
        return new RedisWrite(Kind.HSET_KEEP_NEWEST, key, field, value, false, index, keep);
    }

    /** Writes to the same target replace one another within a batch; the last one wins. */
    String target() {
        return kind + " " + key + " " + (field == null ? "" : field);
    }
}
