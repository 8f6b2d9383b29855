package org.core20monitor.web;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

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

    /** The cells and live waiting lists stored under the given keys, as the view builder asks for them. */
    public Future<ViewBuilder.Cells> cells(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Future.succeededFuture(new Loaded(Map.of()));
        }
        return Future.fromCompletionStage(redis.mget(keys.toArray(new String[0])), context).map(values -> {
            Map<String, CellSnapshot> found = new HashMap<>();
            for (KeyValue<String, String> kv : values) {
                if (kv.hasValue()) {
                    found.put(kv.getKey(), read(kv.getValue()));
                }
            }
            return new Loaded(found);
        });
    }

    private static CellSnapshot read(String json) {
        try {
            return ViewJson.mapper().readValue(json, CellSnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable cell in Redis: " + e.getMessage(), e);
        }
    }

    /** Cells loaded for one request. */
    private record Loaded(Map<String, CellSnapshot> byKey) implements ViewBuilder.Cells {
        @Override
        public CellSnapshot cell(String period, Scope scope) {
            return byKey.get(RedisKeys.cell(period, scope));
        }

        @Override
        public CellSnapshot liveWaits(Scope scope) {
            return byKey.get(RedisKeys.live(scope));
        }
    }

    public Future<List<String>> periods() {
        return Future.fromCompletionStage(redis.smembers(RedisKeys.PERIODS), context).map(ViewStore::sorted);
    }

    /** Every scope with data. */
    public Future<List<Scope>> scopes() {
        return Future.fromCompletionStage(redis.smembers(RedisKeys.SCOPES), context)
                .map(ids -> sorted(ids).stream().map(Scope::fromId).toList());
    }

    public Future<String> latestPeriod() {
        return periods().map(p -> p.isEmpty() ? null : p.get(p.size() - 1));
    }

    public Future<Map<String, String>> quality() {
        return Future.fromCompletionStage(redis.hgetall(RedisKeys.QUALITY), context);
    }

    /** Every registered service change, as stored JSON. */
    public Future<List<String>> serviceChanges() {
        return Future.fromCompletionStage(redis.hvals(RedisKeys.EHIA_CHANGES), context);
    }

    /** One registered service change, or null. */
    public Future<String> serviceChange(String id) {
        return Future.fromCompletionStage(redis.hget(RedisKeys.EHIA_CHANGES, id), context);
    }

    public Future<Void> saveServiceChange(String id, String json) {
        return Future.fromCompletionStage(redis.hset(RedisKeys.EHIA_CHANGES, id, json), context).mapEmpty();
    }

    /** Appends an entry to the audit log (newest first), keeping the latest {@link RedisKeys#AUDIT_KEEP}. */
    public Future<Void> audit(String entryJson) {
        return Future.fromCompletionStage(redis.lpush(RedisKeys.AUDIT, entryJson), context)
                .compose(n -> Future.fromCompletionStage(redis.ltrim(RedisKeys.AUDIT, 0, RedisKeys.AUDIT_KEEP - 1),
                        context))
                .mapEmpty();
    }

    /** The latest {@code count} audit entries, newest first. */
    public Future<List<String>> auditLog(int count) {
        return Future.fromCompletionStage(redis.lrange(RedisKeys.AUDIT, 0, count - 1), context);
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
