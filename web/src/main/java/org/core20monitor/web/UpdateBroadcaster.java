package org.core20monitor.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/**
 * Server-Sent Events to browsers. Each browser subscribes to a set of views; when the stream jobs
 * announce changed cells on the Redis channel, every subscribed view built from a changed cell is
 * rebuilt and pushed, after disclosure control, to the browsers that asked for it. A (re)connecting
 * browser first gets the current state of everything it subscribed to, so a dropped connection
 * misses nothing: a view is a whole state, and its latest state includes every update since the
 * browser's Last-Event-ID.
 *
 * <p>Every event carries an id ({@code <server start>-<sequence>}); a browser reconnecting sends
 * the last one it saw (the Last-Event-ID header, or {@code last_event_id} when the page reopens the
 * stream itself), and the {@code ready} event names it, so the page knows it has been caught up.
 * {@code status} events say whether figures are arriving ({@link RedisWatch}).
 */
public final class UpdateBroadcaster implements AutoCloseable {

    /**
     * One connected browser, the views it shows, and whether its user may still see them (asked at every
     * heartbeat, so a stream ends when its session does or access is withdrawn).
     */
    public record Subscriber(HttpServerResponse response, List<ViewQuery.Spec> views, Supplier<Future<Boolean>> allowed) {}

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ViewStore store;
    private final Context context;
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private long sequence;
    private String status;
    private boolean catchUpDue;
    static final long CATCH_UP_DELAY_MILLIS = 1_000;

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
        // The connection came back (Lettuce resubscribes by itself): announcements made while it was
        // away are lost, so every page is sent the current state, however short the break was.
        this.pubsub.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                context.runOnContext(v -> catchUpSoon());
            }
        });
    }

    public Future<Void> listen() {
        return Future.fromCompletionStage(pubsub.async().subscribe(RedisKeys.UPDATES_CHANNEL), context);
    }

    /**
     * Registers a browser and sends it the current state of its views, then a ready event naming
     * the event it resumed after ({@code lastEventId}, null for a first connection).
     */
    public Future<Void> subscribe(Subscriber subscriber, String lastEventId) {
        subscribers.add(subscriber);
        subscriber.response().closeHandler(v -> subscribers.remove(subscriber));
        if (status != null) {
            send(subscriber, "status", status);
        }
        return push(List.of(subscriber), subscriber.views())
                .compose(v -> store.quality())
                .map(q -> {
                    send(subscriber, "quality", PublicFigures.quality(q));
                    Map<String, Object> ready = new LinkedHashMap<>();
                    ready.put("resumed_after", lastEventId);
                    send(subscriber, "ready", ViewJson.write(ready));
                    return null;
                });
    }

    /** Whether the subscription to the jobs' announcements is connected. */
    public boolean listening() {
        return pubsub.isOpen();
    }

    /** Tells every page whether figures are arriving; remembered for pages that connect later. */
    public void status(String json) {
        status = json;
        subscribers.forEach(s -> send(s, "status", json));
    }

    /** Sends every page the current state of everything it shows (after announcements may have been lost). */
    public void catchUp() {
        List<Subscriber> all = List.copyOf(subscribers);
        if (all.isEmpty()) {
            return;
        }
        Set<ViewQuery.Spec> specs = new LinkedHashSet<>();
        all.forEach(s -> specs.addAll(s.views()));
        push(all, List.copyOf(specs))
                .compose(v -> store.quality())
                .onSuccess(q -> all.forEach(s -> send(s, "quality", PublicFigures.quality(q))))
                .onFailure(e -> catchUpSoon());
    }

    /**
     * A catch-up a second from now, unless one is already due: after an announced change could not be
     * read, or the announcements' connection came back, so no update is lost to a break too short for
     * {@link RedisWatch} to see.
     */
    private void catchUpSoon() {
        if (catchUpDue) {
            return;
        }
        catchUpDue = true;
        context.owner().setTimer(CATCH_UP_DELAY_MILLIS, t -> {
            catchUpDue = false;
            catchUp();
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
            s.allowed().get().onComplete(allowed -> {
                if (!subscribers.contains(s)) {
                    return; // gone meanwhile, or ended by an earlier heartbeat's check
                }
                if (allowed.succeeded() && !allowed.result()) {
                    // Told why, then closed: the page sends its reader to sign in again.
                    send(s, "signed_out", "{}");
                    subscribers.remove(s);
                    if (!s.response().ended()) {
                        s.response().end();
                    }
                } else {
                    // Allowed, or not known while the session store cannot be reached: keep it open.
                    send(s, "heartbeat", "{}");
                }
            });
        }
    }

    private void announced(String message) {
        Set<String> keys;
        try {
            keys = new LinkedHashSet<>(ViewJson.mapper().readValue(message, new TypeReference<List<String>>() {}));
        } catch (Exception e) {
            return; // not an announcement of ours
        }
        if (keys.remove(RedisKeys.QUALITY)) {
            store.quality().onSuccess(q -> subscribers.forEach(s -> send(s, "quality", PublicFigures.quality(q))))
                    .onFailure(e -> catchUpSoon());
        }
        Set<ViewQuery.Spec> changed = new LinkedHashSet<>();
        for (Subscriber s : subscribers) {
            for (ViewQuery.Spec spec : s.views()) {
                if (spec.sources().stream().anyMatch(keys::contains)) {
                    changed.add(spec);
                }
            }
        }
        if (!changed.isEmpty()) {
            push(List.copyOf(subscribers), List.copyOf(changed)).onFailure(e -> catchUpSoon());
        }
    }

    /** Builds each view once from one read of its cells, and sends it to those who asked for it. */
    private Future<Void> push(List<Subscriber> to, List<ViewQuery.Spec> specs) {
        Set<String> sources = new LinkedHashSet<>();
        specs.forEach(spec -> sources.addAll(spec.sources()));
        return store.cells(sources).map(cells -> {
            for (ViewQuery.Spec spec : specs) {
                View view = ViewBuilder.build(spec.metric(), spec.breakdown(), spec.period(), spec.scope(), cells);
                if (view == null) {
                    continue;
                }
                String json = PublicFigures.view(view);
                for (Subscriber s : to) {
                    if (s.views().contains(spec)) {
                        send(s, "view", json);
                    }
                }
            }
            return null;
        });
    }

    private void send(Subscriber s, String event, String data) {
        write(s, "id: " + epoch + "-" + (++sequence) + "\nevent: " + event + "\ndata: " + data + "\n\n");
    }

    private void write(Subscriber s, String text) {
        if (s.response().closed() || s.response().ended()) {
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
