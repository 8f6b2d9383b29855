package org.core20monitor.web;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;

/** Reads what the stream jobs wrote to Redis; nothing else is a source of figures. */
public final class ViewStore implements AutoCloseable {

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final Context context;

    public ViewStore(RedisClient client, Context context) {
        this.connection = client.connect();
        this.redis = connection.async();
        this.context = context;
    }

    /** The stored (unrounded) JSON of a view, or null when there is none. */
    public Future<String> view(String key) {
        return Future.fromCompletionStage(redis.get(key), context);
    }

    public Future<List<String>> periods() {
        return Future.fromCompletionStage(redis.smembers(RedisKeys.PERIODS), context)
                .map(ViewStore::sorted);
    }

    /** The ICBs that have views. */
    public Future<List<String>> icbs() {
        return Future.fromCompletionStage(redis.smembers(RedisKeys.SCOPES), context)
                .map(ids -> sorted(ids.stream().map(Scope::fromId).filter(s -> s.icb() != null && s.provider() == null
                        && s.specialty() == null && s.area() == null).map(Scope::icb).collect(java.util.stream.Collectors.toSet())));
    }

    public Future<String> latestPeriod() {
        return periods().map(p -> p.isEmpty() ? null : p.get(p.size() - 1));
    }

    public Future<Map<String, String>> quality() {
        return Future.fromCompletionStage(redis.hgetall(RedisKeys.QUALITY), context);
    }

    public Future<String> ping() {
        return Future.fromCompletionStage(redis.ping(), context);
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }

    @Override
    public void close() {
        connection.close();
    }
}
