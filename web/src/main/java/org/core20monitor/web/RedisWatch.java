package org.core20monitor.web;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.core20monitor.core.view.ViewJson;

/**
 * Watches the connection to Redis, where every figure comes from. When Redis stops answering the
 * server reports not-ready and tells every open page, through the push channel, that the figures
 * are delayed (they stay on screen as they were). When it answers again, and the server is
 * subscribed to the jobs' announcements once more, every page is told and sent the current state of
 * what it shows, so updates written while the server could not hear about them are not missed; a
 * second catch-up a little later covers announcements made while the subscription was being renewed.
 */
final class RedisWatch {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisWatch.class);
    static final long CATCH_UP_AGAIN_MILLIS = 5_000;

    private final Vertx vertx;
    private final ViewStore store;
    private final UpdateBroadcaster broadcaster;
    private volatile boolean up = true;
    private volatile Instant downSince;
    private boolean checking;

    RedisWatch(Vertx vertx, ViewStore store, UpdateBroadcaster broadcaster) {
        this.vertx = vertx;
        this.store = store;
        this.broadcaster = broadcaster;
    }

    void start(long everyMillis) {
        vertx.setPeriodic(everyMillis, id -> check());
    }

    boolean up() {
        return up;
    }

    Instant downSince() {
        return downSince;
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        store.ping().onComplete(pong -> {
            checking = false;
            boolean answering = pong.succeeded() && broadcaster.listening();
            if (up && !answering) {
                up = false;
                downSince = Instant.now();
                LOG.warn("Redis is not answering ({}): reporting not ready and the figures as delayed",
                        pong.failed() ? pong.cause().getMessage() : "announcements not subscribed");
                broadcaster.status(status());
            } else if (!up && answering) {
                up = true;
                LOG.info("Redis is answering again after {} s: catching every page up",
                        java.time.Duration.between(downSince, Instant.now()).toSeconds());
                downSince = null;
                broadcaster.status(status());
                broadcaster.catchUp();
                vertx.setTimer(CATCH_UP_AGAIN_MILLIS, t -> broadcaster.catchUp());
            }
        });
    }

    /** What the pages are told: whether figures are arriving, and since when they have not. */
    String status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", up ? "live" : "delayed");
        s.put("since", downSince == null ? null : downSince.toString());
        return ViewJson.write(s);
    }
}
