package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.view.Scope;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one Redis, as replicas behind a load balancer that does not keep a browser on one of
 * them: each server runs in a Vert.x of its own, shares nothing with the other but Redis, and must
 * (1) accept a session signed in on the other, with its CSRF token, and end it everywhere on sign-out,
 * and (2) push an update the job announces to its own open streams, as the other does to its own.
 */
@ExtendWith(VertxExtension.class)
class ServerReplicasTest {

    private static final String PIFU_STREAM = "/api/stream?metric=pifu_rate&period=2026-10&icb=QWE&by=imd_quintile";
    private static final String PIFU_VIEW = "/api/views?metric=pifu_rate&period=2026-10&icb=QWE&by=imd_quintile";

    @TempDir
    Path dir;

    private TestRedis redis;
    private Vertx otherVertx;
    private DashboardServer first;
    private DashboardServer second;

    @BeforeEach
    void deploy(Vertx vertx) {
        redis = TestRedis.start();
        store(517, 43);
        otherVertx = Vertx.vertx();
        first = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir));
        second = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir));
        vertx.deployVerticle(first).await();
        otherVertx.deployVerticle(second).await();
    }

    @AfterEach
    void close() {
        otherVertx.close().await();
        redis.close();
    }

    @Test
    void aSessionSignedInOnOneReplicaWorksOnTheOtherAndSigningOutEndsItOnBoth(Vertx vertx) {
        TestUsers.Client onFirst = TestUsers.signedIn(vertx, first.actualPort(), TestUsers.QWE_VIEWER);
        // The same browser (the same cookies) sent to the other replica by the load balancer.
        TestUsers.Client onSecond = new TestUsers.Client(vertx, second.actualPort(), onFirst);
        try {
            assertThat(onSecond.get(PIFU_VIEW).statusCode()).isEqualTo(200);
            assertThat(onSecond.get("/api/session").bodyAsJsonObject().getString("username"))
                    .isEqualTo(TestUsers.QWE_VIEWER);
            // The user's grants travel with the session: QWE only, on either replica.
            assertThat(onSecond.get(PIFU_VIEW.replace("QWE", "QHL")).statusCode()).isEqualTo(403);

            // A state-changing request with the token set by the first replica is accepted by the second…
            assertThat(onSecond.send(io.vertx.core.http.HttpMethod.POST, "/api/logout", null).statusCode())
                    .isIn(200, 204);
            // …and the session it ends is ended for the first replica too.
            assertThat(onFirst.get(PIFU_VIEW).statusCode()).isEqualTo(401);
            assertThat(onSecond.get(PIFU_VIEW).statusCode()).isEqualTo(401);
        } finally {
            onFirst.close();
        }
    }

    @Test
    void anUpdateTheJobAnnouncesIsPushedByEachReplicaToItsOwnStreams(Vertx vertx) throws Exception {
        TestUsers.Client onFirst = TestUsers.signedIn(vertx, first.actualPort(), TestUsers.ANALYST);
        TestUsers.Client onSecond = TestUsers.signedIn(vertx, second.actualPort(), TestUsers.ANALYST);
        LiveStreamReader a = LiveStreamReader.open(vertx, first.actualPort(), PIFU_STREAM, onFirst);
        LiveStreamReader b = LiveStreamReader.open(vertx, second.actualPort(), PIFU_STREAM, onSecond);
        try {
            a.await("event: ready");
            b.await("event: ready");
            int before = a.count("event: view");
            assertThat(b.count("event: view")).isEqualTo(before);

            // What the job does: write the cell, then announce it on the updates channel, once.
            store(617, 83);

            a.await("event: view", before + 1);
            b.await("event: view", before + 1);
            for (LiveStreamReader page : new LiveStreamReader[] {a, b}) {
                JsonObject view = lastView(page.text());
                assertThat(view.getJsonObject("overall").getLong("denominator")).as("1,568 rounded to 5")
                        .isEqualTo(1570L);
                DashboardServerTest.assertNoSmallOrUnroundedCounts(view);
            }
        } finally {
            a.close();
            b.close();
            onFirst.close();
            onSecond.close();
        }
    }

    private static JsonObject lastView(String stream) {
        String marker = "event: view\ndata: ";
        int at = stream.lastIndexOf(marker);
        return new JsonObject(stream.substring(at + marker.length(), stream.indexOf("\n\n", at)));
    }

    /** QWE's October cell with the least deprived quintile's attendances and PIFU as given. */
    private void store(int q5Attendances, int q5Pifu) {
        MetricCounts counts = ViewFixtures.counts();
        ViewFixtures.attendances(counts, 1, 412, 9);
        ViewFixtures.attendances(counts, 3, 5, 1);
        ViewFixtures.attendances(counts, 5, 233, 17);
        ViewFixtures.attendances(counts, 8, 301, 26);
        ViewFixtures.attendances(counts, 10, q5Attendances, q5Pifu);
        ViewFixtures.store(redis.commands(), "2026-10", Scope.icb("QWE"), counts);
    }
}
