package org.core20monitor.flink;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Everything in a Redis, key by key, in a form two runs can be compared in, and waits on what the job
 * has written. Two fields are left out of the comparison because they are wall-clock times by design,
 * not results: a snapshot's {@code updated_at} (when a streaming job wrote it) and the scores of the
 * dead-letter index (when Redis first stored each entry); the index's members are compared.
 */
final class RedisContent {

    private static final Pattern UPDATED_AT = Pattern.compile("\"updated_at\":\"[^\"]*\"");

    private RedisContent() {}

    /** Every key and its value: strings, hashes (sorted), sets (sorted), sorted sets' members (by score). */
    static Map<String, Object> of(RedisCommands<String, String> redis) {
        Map<String, Object> all = new TreeMap<>();
        for (String key : redis.keys("*")) {
            switch (redis.type(key)) {
                case "string" -> all.put(key, withoutWallClock(redis.get(key)));
                case "hash" -> {
                    Map<String, String> hash = new TreeMap<>();
                    redis.hgetall(key).forEach((field, value) -> hash.put(field, withoutWallClock(value)));
                    all.put(key, hash);
                }
                case "set" -> all.put(key, new TreeSet<>(redis.smembers(key)));
                case "zset" -> all.put(key, new TreeSet<>(redis.zrange(key, 0, -1)));
                case "list" -> all.put(key, redis.lrange(key, 0, -1));
                case "none" -> { } // deleted meanwhile
                default -> throw new IllegalStateException("unexpected type of " + key);
            }
        }
        return all;
    }

    static String withoutWallClock(String value) {
        return value == null ? null : UPDATED_AT.matcher(value).replaceAll("\"updated_at\":\"-\"");
    }

    /** The job's data-quality counters say it has counted exactly these records. */
    static boolean counted(RedisCommands<String, String> redis, long accepted, long duplicates, long rejected) {
        Map<String, String> quality = redis.hgetall("core20:quality");
        long rejectedNow = quality.entrySet().stream().filter(e -> e.getKey().startsWith("rejected:"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        return String.valueOf(accepted).equals(quality.get("accepted"))
                && String.valueOf(duplicates).equals(quality.getOrDefault("duplicate", "0"))
                && rejectedNow == rejected;
    }

    static long accepted(RedisCommands<String, String> redis) {
        String accepted = redis.hget("core20:quality", "accepted");
        return accepted == null ? 0 : Long.parseLong(accepted);
    }

    /** Waits until the job has counted a batch: its counters match what the input says. */
    static void awaitCounted(RedisCommands<String, String> redis, BatchedInput input, int batch, Duration timeout,
                             RunningJob job) {
        await("batch " + batch + " counted (accepted " + input.acceptedAfter[batch] + ")", timeout, job,
                () -> counted(redis, input.acceptedAfter[batch], input.duplicatesAfter[batch], input.rejectedAfter[batch]));
    }

    /**
     * Waits until every record is counted and nothing in Redis has changed for {@code quiet}: the job
     * has caught up and written its last snapshots. Returns the content then.
     */
    static Map<String, Object> awaitSettled(RedisCommands<String, String> redis, BatchedInput input, Duration quiet,
                                            Duration timeout, RunningJob job) {
        awaitCounted(redis, input, input.size() - 1, timeout, job);
        return awaitQuiet(redis, quiet, timeout, job);
    }

    /** Waits until nothing in Redis has changed for {@code quiet}, and returns the content then. */
    static Map<String, Object> awaitQuiet(RedisCommands<String, String> redis, Duration quiet, Duration timeout,
                                          RunningJob job) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> previous = of(redis);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Redis kept changing for " + timeout + (job == null ? "" : "\n" + job.describe()));
            }
            pause(200);
            Map<String, Object> now = of(redis);
            if (!now.equals(previous)) {
                previous = now;
                quietSince = System.nanoTime();
            }
        }
        return previous;
    }

    /** The keys whose values differ, at most {@code limit} of them, described. */
    static List<String> differences(Map<String, Object> expected, Map<String, Object> actual, int limit) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                String e = String.valueOf(expected.get(key));
                String a = String.valueOf(actual.get(key));
                int from = Math.max(0, firstDifference(e, a) - 200);
                differences.add(key + (from > 0 ? " (from character " + from + ")" : "")
                        + "\n  expected: " + abbreviate(e.substring(Math.min(from, e.length())))
                        + "\n  actual:   " + abbreviate(a.substring(Math.min(from, a.length()))));
                if (differences.size() == limit) {
                    break;
                }
            }
        }
        return differences;
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    /** Polls {@code condition} every 50 ms; fails with the job's log if it does not hold in time or the job dies. */
    static void await(String what, Duration timeout, RunningJob job, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (job != null && !job.isAlive()) {
                throw new AssertionError("the job exited while waiting for " + what + "\n" + job.describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (job == null ? "" : "\n" + job.describe()));
            }
            pause(50);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
