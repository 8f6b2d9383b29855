package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.view.Scope;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trajectories and benchmarks through the real server, from cells in a real Redis: QWE's most
 * deprived fifth stays at 1.5% PIFU for a year while the others rise from 2.5% to 4.7%; in October
 * England, and QWE's named peers QKK and QOP (whose least deprived fifth is too small to show),
 * are there to compare with. Everything leaves through disclosure control.
 */
@ExtendWith(VertxExtension.class)
class OutlookApiTest {

    private static final int[] DECILE_OF_QUINTILE = {1, 3, 5, 8, 10};
    private static TestRedis redis;

    @org.junit.jupiter.api.io.TempDir
    Path dir;
    private DashboardServer server;
    private TestUsers.Client web;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static void store(RedisCommands<String, String> commands, String period, Scope scope, int[] attended,
                              int[] pifu) {
        MetricCounts counts = ViewFixtures.counts();
        for (int q = 0; q < 5; q++) {
            ViewFixtures.attendances(counts, DECILE_OF_QUINTILE[q], attended[q], pifu[q]);
        }
        ViewFixtures.store(commands, period, scope, counts);
    }

    @BeforeEach
    void deploy(Vertx vertx) {
        RedisCommands<String, String> commands = redis.commands();
        commands.flushall();
        int first = Periods.monthIndex("2025-11");
        for (int i = 0; i < 12; i++) {
            int rest = 25 + 2 * i;
            store(commands, Periods.period(first + i), Scope.icb("QWE"), new int[] {1000, 1000, 1000, 1000, 1000},
                    new int[] {15, rest, rest, rest, rest});
        }
        store(commands, "2026-10", Scope.ENGLAND, new int[] {10_000, 10_000, 10_000, 10_000, 10_000},
                new int[] {400, 450, 450, 450, 500});
        store(commands, "2026-10", Scope.icb("QKK"), new int[] {1000, 1000, 1000, 1000, 1000},
                new int[] {45, 50, 50, 50, 50});
        store(commands, "2026-10", Scope.icb("QOP"), new int[] {1000, 1000, 1000, 1000, 5},
                new int[] {30, 40, 40, 40, 1});
        commands.hset(org.core20monitor.core.redis.RedisKeys.QUALITY, Map.of("accepted", "90000"));
        server = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir)
                .withBenchmarking(new Benchmarking(null, 2, List.of(), "QWE=QKK,QOP")));
        vertx.deployVerticle(server).await();
        web = TestUsers.signedIn(vertx, server.actualPort(), TestUsers.ANALYST);
    }

    @AfterEach
    void close() {
        web.close();
    }

    private JsonObject ok(String uri) {
        HttpResponse<Buffer> response = web.get(uri);
        assertThat(response.statusCode()).as(uri + ": " + response.bodyAsString()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertPublished(body, uri);
        return body;
    }

    @Test
    void trajectoriesFlagTheMostDeprivedFifthLeftBehind() {
        JsonObject t = ok("/api/trajectories?metric=pifu_rate&icb=QWE&by=core20");
        assertThat(t.getString("period")).isEqualTo("2026-10");
        assertThat(t.getString("target_by")).isEqualTo("2027-03");
        JsonArray groups = t.getJsonArray("groups");
        assertThat(groups.getJsonObject(0).getString("group")).isEqualTo("all");
        JsonObject core20 = groups.getJsonObject(1);
        assertThat(core20.getString("group")).isEqualTo("core20");
        assertThat(core20.getJsonArray("values").getList()).hasSize(12).containsOnly(1.5);
        assertThat(core20.getString("status")).isEqualTo("NOT_ON_TREND");
        JsonObject rest = groups.getJsonObject(2);
        assertThat(rest.getString("status")).isEqualTo("REACHES");
        assertThat(rest.getString("reaches")).isEqualTo("2026-12"); // 4.7% in October, 0.2 a month
        JsonArray flags = t.getJsonArray("flags");
        assertThat(flags.size()).isEqualTo(1);
        assertThat(flags.getJsonObject(0).getString("text")).isEqualTo("For the most deprived 20% (Core20), the 5% "
                + "target is not reached on the current trend; for everyone else it is reached in December 2026.");
        // The default breakdown is Core20.
        assertThat(ok("/api/trajectories?metric=pifu_rate&icb=QWE").getString("breakdown")).isEqualTo("core20");
    }

    @Test
    void benchmarksSetTheGapBesideEnglandAndThePeers() {
        JsonObject b = ok("/api/benchmarks?metric=pifu_rate&icb=QWE");
        assertThat(b.getString("breakdown")).isEqualTo("imd_quintile");
        JsonArray rows = b.getJsonArray("rows");
        assertThat(rows.stream().map(r -> ((JsonObject) r).getString("area")).toList())
                .containsExactly("QWE", "England", "QKK", "QOP");
        // QWE: 15 against 47 of 1,000, −3.2 points; England 400 against 500 of 10,000, −1.0.
        assertThat(rows.getJsonObject(0).getDouble("gap")).isEqualTo(-3.2);
        JsonObject england = rows.getJsonObject(1);
        assertThat(england.getDouble("gap")).isEqualTo(-1.0);
        assertThat(england.getDouble("difference")).isEqualTo(-2.2);
        assertThat(england.getString("judgement")).isEqualTo("wider");
        JsonObject qop = rows.getJsonObject(3);
        assertThat(qop.getValue("gap")).as("QOP's least deprived fifth is 5 attendances").isNull();
        assertThat(qop.getValue("difference")).isNull();
        assertThat(qop.getString("note")).contains("hidden");
        assertThat(b.getJsonArray("statements").getString(0)).startsWith(
                "In October 2026, the gap (most minus least deprived) in QWE is -3.2 percentage points (95% CI ");
        assertThat(b.getJsonArray("statements").getString(0)).contains("against -1.0 percentage points for England: "
                + "significantly wider");
    }

    @Test
    void theOverviewAndViewsCarryTheGapInPatients() {
        JsonObject overview = ok("/api/overview?icb=QWE");
        JsonObject pifu = overview.getJsonArray("tiles").getJsonObject(0).getJsonObject("outlook");
        // October: 1,000 × (4.7% − 1.5%) = 32 more, published as 30.
        assertThat(pifu.getString("gap_in_patients")).startsWith("In October 2026 (provisional figures), 30 more "
                + "patients in the most deprived 20% would have been moved or discharged to PIFU at the rate of the "
                + "least deprived 20%");
        assertThat(pifu.getJsonArray("trajectory_flags").getString(0)).startsWith("For the most deprived 20% (Core20)");
        assertThat(pifu.getString("england")).contains("significantly wider");
        JsonObject view = ok("/api/views?metric=pifu_rate&icb=QWE&by=imd_quintile");
        JsonObject q1 = view.getJsonArray("groups").getJsonObject(0).getJsonObject("vs_reference");
        assertThat(q1.getString("reference")).isEqualTo("5");
        assertThat(q1.getDouble("patients")).isEqualTo(30.0);
        JsonObject par = view.getJsonObject("inequality").getJsonObject("attributable");
        assertThat(par.getDouble("patients")).isEqualTo(30.0); // quintiles 2–4 are at quintile 5's rate
    }

    @Test
    void badRequestsAre400sAndOtherIcbsAre403s(Vertx vertx) {
        for (String uri : new String[] {"/api/trajectories?metric=discharge_rate&icb=QWE",
                "/api/trajectories?metric=pifu_rate&by=postcode", "/api/trajectories?metric=pifu_rate&period=2026-13",
                "/api/trajectories?icb=QWE", "/api/trajectories?metric=pifu_rate&period=0000-05",
                "/api/benchmarks?metric=pifu_rate",
                "/api/benchmarks?metric=pifu_rate&icb=QWE&provider=RJ7", "/api/benchmarks?metric=pifu_rate&icb=QWE&by=sex",
                "/api/benchmarks?metric=median_wait_weeks&icb=QWE", "/api/benchmarks?metric=pifu_rate&icb=Q"}) {
            HttpResponse<Buffer> response = web.get(uri);
            assertThat(response.statusCode()).as(uri).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("error")).as(uri).isNotBlank();
        }
        assertThat(web.get("/api/trajectories?metric=discharge_rate&icb=QWE").bodyAsJsonObject().getString("error"))
                .startsWith("metric 'discharge_rate' has no national target");
        TestUsers.Client viewer = TestUsers.signedIn(vertx, server.actualPort(), TestUsers.QWE_VIEWER);
        try {
            assertThat(viewer.get("/api/benchmarks?metric=pifu_rate&icb=QOP").statusCode()).isEqualTo(403);
            assertThat(viewer.get("/api/trajectories?metric=pifu_rate&icb=QOP").statusCode()).isEqualTo(403);
            assertThat(viewer.get("/api/benchmarks?metric=pifu_rate&icb=QWE").statusCode()).isEqualTo(200);
        } finally {
            viewer.close();
        }
    }

    /** No count or gap in patients of 1–7, and every one a multiple of 5, anywhere in a response. */
    private static void assertPublished(Object node, String where) {
        if (node instanceof JsonObject o) {
            for (Iterator<Map.Entry<String, Object>> it = o.iterator(); it.hasNext(); ) {
                Map.Entry<String, Object> e = it.next();
                if (e.getValue() instanceof Number n && List.of("numerator", "denominator", "patients").contains(e.getKey())) {
                    double v = Math.abs(n.doubleValue());
                    assertThat(v % 5).as(where + ": " + e.getKey() + " " + n).isZero();
                    assertThat(v >= 1 && v <= 7).as(where + ": " + e.getKey() + " " + n).isFalse();
                }
                assertPublished(e.getValue(), where);
            }
        } else if (node instanceof JsonArray a) {
            a.forEach(x -> assertPublished(x, where));
        }
    }
}
