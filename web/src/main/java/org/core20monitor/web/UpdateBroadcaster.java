package org.core20monitor.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.ViewJson;

/**
 * Server-Sent Events to browsers. Each browser subscribes to a set of view keys; when the stream
 * jobs announce changed keys on the Redis channel, each changed view is read once and pushed, after
 * disclosure control, to the browsers that subscribed to it. A (re)connecting browser first gets the
 * current state of everything it subscribed to, so a dropped connection misses nothing.
 */
public final class UpdateBroadcaster implements AutoCloseable {

    /** One connected browser. */
    public record Subscriber(HttpServerResponse response, Set<String> keys) {}

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ViewStore store;
    private final Context context;

    public UpdateBroadcaster(RedisClient client, ViewStore store, Context context) {
        this.store = store;
        this.context = context;
        this.pubsub = client.connectPubSub();
        this.pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                context.runOnContext(v -> announced(message));
            }
        });
    }

    public Future<Void> listen() {
        return Future.fromCompletionStage(pubsub.async().subscribe(RedisKeys.UPDATES_CHANNEL), context);
    }

    /** Registers a browser and sends it the current state of its views, then a ready event. */
    public Future<Void> subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
        subscriber.response().closeHandler(v -> subscribers.remove(subscriber));
        Future<Void> chain = Future.succeededFuture();
        for (String key : subscriber.keys()) {
            chain = chain.compose(v -> store.view(key)).compose(json -> {
                if (json != null) {
                    send(subscriber, "view", PublicFigures.view(json));
                }
                return Future.succeededFuture();
            });
        }
        return chain.compose(v -> store.quality())
                .map(q -> {
                    send(subscriber, "quality", PublicFigures.quality(q));
                    send(subscriber, "ready", "{}");
                    return null;
                });
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Keeps proxies from closing an idle stream, and tells the page the connection is alive even
     * when no figure has changed (a comment line would be invisible to the browser's EventSource).
     */
    public void heartbeat() {
        for (Subscriber s : subscribers) {
            send(s, "heartbeat", "{}");
        }
    }

    private void announced(String message) {
        List<String> keys;
        try {
            keys = ViewJson.mapper().readValue(message, new TypeReference<List<String>>() {});
        } catch (Exception e) {
            return; // not an announcement of ours
        }
        for (String key : keys) {
            if (key.equals(RedisKeys.QUALITY)) {
                store.quality().onSuccess(q -> broadcast(null, "quality", PublicFigures.quality(q)));
            } else if (subscribers.stream().anyMatch(s -> s.keys().contains(key))) {
                store.view(key).onSuccess(json -> {
                    if (json != null) {
                        broadcast(key, "view", PublicFigures.view(json));
                    }
                });
            }
        }
    }

    private void broadcast(String key, String event, String data) {
        for (Subscriber s : subscribers) {
            if (key == null || s.keys().contains(key)) {
                send(s, event, data);
            }
        }
    }

    private void send(Subscriber s, String event, String data) {
        write(s, "event: " + event + "\ndata: " + data + "\n\n");
    }

    private void write(Subscriber s, String text) {
        if (s.response().closed()) {
            subscribers.remove(s);
            return;
        }
        if (s.response().writeQueueFull()) {
            // A browser that stopped reading (asleep, behind a stuck proxy) would make the queue grow
            // without bound; drop it, and it gets the current state again when it reconnects.
            subscribers.remove(s);
            s.response().reset();
            return;
        }
        s.response().write(text).onFailure(e -> subscribers.remove(s));
    }

    @Override
    public void close() {
        pubsub.close();
    }
}
