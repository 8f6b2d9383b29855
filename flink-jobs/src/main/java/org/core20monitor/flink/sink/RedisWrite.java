package org.core20monitor.flink.sink;

/**
 * One idempotent Redis write. {@code announce} marks writes whose key is published on the updates
 * channel so the server can push the change to browsers.
 */
public record RedisWrite(Kind kind, String key, String field, String value, boolean announce) {

    public enum Kind { SET, HSET, SADD }

    public static RedisWrite set(String key, String value, boolean announce) {
        return new RedisWrite(Kind.SET, key, null, value, announce);
    }

    public static RedisWrite hset(String key, String field, String value, boolean announce) {
        return new RedisWrite(Kind.HSET, key, field, value, announce);
    }

    public static RedisWrite sadd(String key, String member) {
        return new RedisWrite(Kind.SADD, key, member, null, false);
    }

    /** Writes to the same target replace one another within a batch; the last one wins. */
    String target() {
        return kind + " " + key + " " + (field == null ? "" : field);
    }
}
