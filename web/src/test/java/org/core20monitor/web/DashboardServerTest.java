package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;
import org.core20monitor.testing.TestRedis;
import org.core20monitor.web.auth.AuthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server against a real Redis: the API, disclosure control, and pushes after a write. */
@ExtendWith(VertxExtension.class)
class DashboardServerTest {

    private static TestRedis redis;
    private RedisCommands<String, String> commands;
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

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @BeforeEach
    void deploy(Vertx vertx) {
        commands = redis.commands();
        commands.flushall();
        MetricCounts counts = ViewFixtures.counts();
        ViewFixtures.attendances(counts, 1, 412, 9);    // quintile 1
        ViewFixtures.attendances(counts, 3, 5, 1);      // quintile 2: small, suppressed
        ViewFixtures.attendances(counts, 5, 233, 17);   // quintile 3
        ViewFixtures.attendances(counts, 8, 301, 26);   // quintile 4
        ViewFixtures.attendances(counts, 10, 517, 43);  // quintile 5
        ViewFixtures.store(commands, "2026-10", Scope.icb("QWE"), counts);
        commands.hset(RedisKeys.QUALITY, Map.of("accepted", "1468", "duplicate", "3", "rejected:icb:missing", "12",
                "rejected:record:json", "2", "rejected:sex:code", "31", "imd_unknown", "58",
                "last_event_time", "2026-10-31T16:00:00Z"));
        server = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir));
        vertx.deployVerticle(server).await();
        web = TestUsers.signedIn(vertx, server.actualPort(), TestUsers.ANALYST);
    }

    @AfterEach
    void close() {
        web.close();
    }

    private HttpResponse<Buffer> get(String uri) {
        return web.get(uri);
    }

    @Test
    void servesAViewWithCountsRoundedAndSmallGroupsSuppressed() {
        HttpResponse<Buffer> response = get("/api/views?metric=pifu_rate&period=2026-10&icb=QWE&by=imd_quintile");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject view = response.bodyAsJsonObject();
        assertThat(view.getString("metric")).isEqualTo("pifu_rate");
        assertThat(view.getJsonObject("scope").getString("icb")).isEqualTo("QWE");
        JsonObject overall = view.getJsonObject("overall");
        assertThat(overall.getLong("denominator")).isEqualTo(1470L);   // 1,468 rounded to the nearest 5
        assertThat(overall.getLong("numerator")).isEqualTo(95L);       // 96
        assertThat(overall.getDouble("value")).isEqualTo(6.5);   // 96 / 1,468 = 6.539…%: from unrounded counts, to 1 dp

        JsonArray groups = view.getJsonArray("groups");
        JsonObject q1 = groups.getJsonObject(0);
        assertThat(q1.getString("group")).isEqualTo("1");
        assertThat(q1.getLong("denominator")).isEqualTo(410L);
        JsonObject q4 = groups.getJsonObject(3);
        assertThat(q4.getLong("denominator")).isEqualTo(300L);
        assertThat(q4.getLong("numerator")).isEqualTo(25L);
        assertThat(q4.getDouble("value")).isEqualTo(8.6);        // 26 / 301 = 8.638…%
        assertThat(q4.getBoolean("suppressed")).isFalse();
        JsonObject q2 = groups.getJsonObject(1);
        assertThat(q2.getBoolean("suppressed")).isTrue();
        assertThat(q2.getValue("numerator")).isNull();
        assertThat(q2.getValue("denominator")).isNull();
        assertThat(q2.getValue("value")).isNull();
        // Q2's numerator (1) alone is hidden, so the next smallest numerator, Q1's 9, is hidden too.
        assertThat(q1.getValue("numerator")).isNull();
        assertThat(q1.getValue("value")).isNull();
        assertThat(q1.getBoolean("suppressed")).isTrue();
        // Likewise Q2's denominator (5): the next smallest denominator, Q3's 233, is hidden.
        JsonObject q3 = groups.getJsonObject(2);
        assertThat(q3.getValue("denominator")).isNull();
        assertThat(q3.getValue("value")).isNull();
        assertThat(q3.getLong("numerator")).isEqualTo(15L);
        assertNoSmallOrUnroundedCounts(view);
    }

    @Test
    void badParametersAre400sWithAMessage() {
        for (String query : new String[] {"metric=bogus", "metric=pifu_rate&period=2026-13", "metric=pifu_rate&icb=qw",
                "metric=pifu_rate&by=postcode", "metric=pifu_rate&provider=rj7", "metric=pifu_rate&area=nowhere",
                "metric=pifu_rate&provider=RJ7&specialty=330", "metric=pifu_rate&specialty=33", "metric=pifu_rate&x=%zz", ""}) {
            HttpResponse<Buffer> response = get("/api/views?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("error")).as(query).isNotBlank();
        }
        assertThat(get("/api/views?metric=pifu_rate&period=2026-10&icb=QOP").statusCode()).isEqualTo(404);

        // A value is quoted back cut short, never whole.
        HttpResponse<Buffer> long400 = get("/api/views?metric=" + "x".repeat(3_000));
        assertThat(long400.statusCode()).isEqualTo(400);
        assertThat(long400.bodyAsJsonObject().getString("error")).hasSizeLessThan(600).contains("x".repeat(40) + "…");

        // Repeats are one view; a stream asking for more views than any page shows is refused before it starts.
        assertThat(get("/api/views?metric=pifu_rate,pifu_rate&by=sex,sex&period=2026-10&icb=QWE").statusCode())
                .isEqualTo(200);
        String everything = java.util.Arrays.stream(org.core20monitor.core.metric.Metric.values()).map(m -> m.id)
                .collect(java.util.stream.Collectors.joining(","));
        HttpResponse<Buffer> tooMany = get("/api/stream?metric=" + everything + "&by=imd_quintile,imd_decile,core20,sex,age_band");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.bodyAsJsonObject().getString("error")).isEqualTo(
                "at most 64 views (metrics × breakdowns) in one request; this asks for "
                        + 5 * org.core20monitor.core.metric.Metric.values().length);
    }

    @Test
    void aStreamOfRepeatedViewsIsOneView(Vertx vertx) throws Exception {
        String stream = streamUntilReady(vertx, "/api/stream?metric=" + "pifu_rate,".repeat(200) + "&period=2026-10&icb=QWE&by="
                + "sex,".repeat(500), null);
        assertThat(stream.split("event: view\n", -1)).as("one view pushed").hasSize(2);
    }

    @Test
    void aBurstOfPagesOpeningAtOnceIsServedInFull(Vertx vertx) {
        // As when every open dashboard reconnects after a restart: each request looks its session up.
        int pages = 400;
        HttpClient burst = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(pages));
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            answers.add(burst.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/api/meta")
                    .compose(request -> request.putHeader("Cookie", web.cookieHeader()).send())
                    .compose(response -> response.body().map(body -> response.statusCode())));
        }
        List<Integer> statuses = Future.all(answers).await().list();
        burst.close();
        assertThat(statuses).hasSize(pages).containsOnly(200);
    }

    @Test
    void latestPeriodIsTheDefaultAndMetaListsWhatExists() {
        assertThat(get("/api/views?metric=dna_rate&icb=QWE").bodyAsJsonObject().getString("period")).isEqualTo("2026-10");
        JsonObject meta = get("/api/meta").bodyAsJsonObject();
        assertThat(meta.getJsonArray("periods").getList()).containsExactly("2026-10");
        assertThat(meta.getJsonArray("icbs").getList()).containsExactly("QWE");
        assertThat(meta.getJsonArray("metrics").size()).isEqualTo(16);
        assertThat(get("/api/catalogue").bodyAsJsonObject().getJsonArray("metrics").getJsonObject(0).getString("id"))
                .isEqualTo("pifu_rate");
    }

    @Test
    void aSeriesHasEveryMonthWithAnSpcChartOfThePublishedValues() {
        // Eleven more months of QWE, with PIFU 9 + m of 400 attendances in quintile 1 and 40 of 400 in quintile 5.
        for (int m = 1; m <= 11; m++) {
            MetricCounts counts = ViewFixtures.counts();
            ViewFixtures.attendances(counts, 1, 400, 9 + m);
            ViewFixtures.attendances(counts, 10, 400, 40);
            ViewFixtures.store(commands, String.format("2025-%02d", m), Scope.icb("QWE"), counts);
        }
        HttpResponse<Buffer> response = get("/api/series?metric=pifu_rate&icb=QWE&by=imd_quintile");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject series = response.bodyAsJsonObject();
        JsonArray views = series.getJsonArray("views");
        assertThat(views.size()).isEqualTo(12);
        double sum = 0;
        for (int i = 0; i < views.size(); i++) {
            sum += views.getJsonObject(i).getJsonObject("overall").getDouble("value");
            assertNoSmallOrUnroundedCounts(views.getJsonObject(i));
        }
        JsonObject overall = series.getJsonObject("overall");
        assertThat(overall.getDouble("mean")).isCloseTo(sum / 12, within(1e-9));
        assertThat(overall.getJsonArray("points").size()).isEqualTo(12);
        assertThat(series.getJsonObject("gap").getJsonArray("points").size()).isEqualTo(12);
        assertThat(get("/api/series?metric=pifu_rate&period=2025-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/series?metric=pifu_rate&icb=%zz").statusCode()).isEqualTo(400);
    }

    @Test
    void seriesRangeIsChosenByFromAndToAndCarriesTheSameMonthOf2019To20() {
        for (String period : new String[] {"2026-07", "2026-08", "2026-09", "2019-09"}) {
            MetricCounts counts = ViewFixtures.counts();
            ViewFixtures.attendances(counts, 1, 400, period.startsWith("2019") ? 12 : 20);
            ViewFixtures.attendances(counts, 10, 400, 40);
            ViewFixtures.store(commands, period, Scope.icb("QWE"), counts);
        }
        JsonObject range = get("/api/series?metric=pifu_rate&icb=QWE&from=2026-08&to=2026-09").bodyAsJsonObject();
        assertThat(range.getJsonArray("views").stream().map(v -> ((JsonObject) v).getString("period")).toList())
                .containsExactly("2026-08", "2026-09");
        // September 2019 is the same month of 2019/20 as September 2026: (12 + 40) / 800 = 6.5%
        assertThat(range.getJsonArray("baseline").getValue(1)).isEqualTo(6.5);
        assertThat(range.getJsonArray("baseline").getValue(0)).isNull();
        // By default the latest two years: the 2019 month is left out of the chart itself.
        JsonObject recent = get("/api/series?metric=pifu_rate&icb=QWE").bodyAsJsonObject();
        assertThat(recent.getJsonArray("views").stream().map(v -> ((JsonObject) v).getString("period")).toList())
                .containsExactly("2026-07", "2026-08", "2026-09", "2026-10");
        assertThat(get("/api/series?metric=pifu_rate&from=2026-09&to=2026-08").bodyAsJsonObject().getString("error"))
                .contains("after");
        assertThat(get("/api/series?metric=pifu_rate&from=2026-9").statusCode()).isEqualTo(400);
        assertThat(get("/api/series?metric=pifu_rate&by=imd_quintile,sex").statusCode()).isEqualTo(400);
    }

    @Test
    void overviewHasATileForEveryMetricAndTheCore20Plus5Panel() {
        HttpResponse<Buffer> response = get("/api/overview?icb=QWE");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject overview = response.bodyAsJsonObject();
        assertThat(overview.getString("period")).isEqualTo("2026-10");
        JsonArray tiles = overview.getJsonArray("tiles");
        assertThat(tiles.size()).isEqualTo(org.core20monitor.core.metric.Metric.values().length);
        JsonObject pifu = tiles.getJsonObject(0);
        assertThat(pifu.getString("metric")).isEqualTo("pifu_rate");
        // Overall 96 of 1468 = 6.5%; Core20 (quintile 1) 9 / 412 = 2.2% against the rest 87 / 1056 = 8.2%
        assertThat(pifu.getJsonObject("overall").getDouble("value")).isEqualTo(6.5);
        assertThat(pifu.getJsonObject("overall").getLong("denominator")).isEqualTo(1470L);
        JsonObject core20 = pifu.getJsonObject("core20");
        assertThat(core20.getDouble("value")).isEqualTo(2.2);
        assertThat(core20.getDouble("reference_value")).isEqualTo(8.2);
        assertThat(core20.getString("judgement")).isEqualTo("worse");
        assertThat(pifu.getString("variation")).isEqualTo("NOT_ENOUGH_DATA");
        JsonArray panel = overview.getJsonArray("core20plus5");
        assertThat(panel.getJsonObject(0).getString("id")).isEqualTo("core20");
        assertThat(panel.getJsonObject(0).getJsonArray("cells").getJsonObject(0).getDouble("value")).isEqualTo(2.2);
        assertThat(panel.stream().map(r -> ((JsonObject) r).getString("kind")).distinct().toList())
                .containsExactly("core20", "plus", "area");
        assertThat(get("/api/overview?icb=QW").statusCode()).isEqualTo(400);
        assertThat(get("/api/overview?period=2026-13").statusCode()).isEqualTo(400);
    }

    @Test
    void dataQualityCountsGoThroughDisclosureControl() {
        JsonObject quality = get("/api/quality").bodyAsJsonObject();
        assertThat(quality.getLong("accepted")).isEqualTo(1470L);
        assertThat(quality.getValue("duplicate")).isNull();              // 3
        assertThat(quality.getLong("rejected")).isEqualTo(45L);          // 45
        assertThat(quality.getLong("imd_unknown")).isEqualTo(60L);       // 58
        JsonObject byReason = quality.getJsonObject("rejected_by_reason");
        assertThat(byReason.containsKey("record:json")).isTrue();
        assertThat(byReason.getValue("record:json")).isNull();           // 2
        assertThat(byReason.getValue("icb:missing")).as("next smallest, hidden too").isNull();
        assertThat(byReason.getLong("sex:code")).isEqualTo(30L);
        // From the published counts, so it gives nothing more away: 60 / 1470 = 4.08%
        assertThat(quality.getDouble("imd_unknown_pct")).isEqualTo(4.1);
        assertThat(quality.getLong("late")).isZero();
        assertThat(quality.getDouble("late_pct")).isZero();
    }

    @Test
    void healthAndReadiness() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getString("last_event_time")).isEqualTo("2026-10-31T16:00:00Z");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String uri : new String[] {"/", "/metric.html", "/js/overview.js", "/api/meta", "/health", "/api/nothing",
                "/api/views?metric=joy", "/webjars/chart.js/4.5.1/dist/chart.umd.js"}) {
            HttpResponse<Buffer> r = get(uri);
            assertThat(r.getHeader("Content-Security-Policy")).as(uri).isEqualTo(DashboardServer.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(r.getHeader("X-Content-Type-Options")).as(uri).isEqualTo("nosniff");
            assertThat(r.getHeader("X-Frame-Options")).as(uri).isEqualTo("DENY");
            assertThat(r.getHeader("Referrer-Policy")).as(uri).isEqualTo("no-referrer");
            if (uri.startsWith("/api/")) {
                assertThat(r.getHeader("Cache-Control")).as(uri).isEqualTo("no-store");
            }
            assertThat(r.getHeader("Strict-Transport-Security")).as("plain HTTP here: no HSTS").isNull();
        }
        assertThat(get("/api/export/board-paper.csv?icb=QWE&period=2026-10").getHeader("Cache-Control"))
                .as("a download is not kept either").isEqualTo("no-store");
        // The pages themselves have no inline script for the policy to allow.
        for (String page : new String[] {"/", "/metric.html", "/ehia.html"}) {
            String html = get(page).bodyAsString();
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("onclick=");
        }
    }

    @Test
    void behindHttpsBrowsersAreToldToUseNothingElse(Vertx vertx) {
        AuthConfig plain = TestUsers.file(dir);
        DashboardServer secure = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir)
                .withAuth(AuthConfig.local(plain.usersFile(), true)));
        vertx.deployVerticle(secure).await();
        HttpResponse<Buffer> page = WebClient.create(vertx).get(secure.actualPort(), "127.0.0.1", "/login.html").send().await();
        assertThat(page.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(page.cookies()).anySatisfy(c -> assertThat(c).startsWith("core20.session=").contains("Secure"));
    }

    @Test
    void servesTheDashboardAndChartJs() {
        assertThat(get("/").bodyAsString()).contains("<html");
        assertThat(get("/webjars/chart.js/4.5.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
    }

    @Test
    void pushesTheCurrentViewThenAnUpdateAfterAWrite(Vertx vertx, VertxTestContext test) {
        HttpClient http = vertx.createHttpClient();
        StringBuilder received = new StringBuilder();
        http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", PIFU_STREAM)
                .compose(req -> req.putHeader("Cookie", web.cookieHeader()).send())
                .onComplete(test.succeeding(response -> {
                    test.verify(() -> assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream"));
                    response.handler(chunk -> {
                        received.append(chunk.toString());
                        String text = received.toString();
                        if (text.contains("event: ready") && !text.contains("written-after")) {
                            received.append("written-after");
                            vertx.executeBlocking(() -> {
                                storeALaterBatch();
                                return null;
                            });
                        }
                        int after = text.indexOf("written-after");
                        if (after >= 0) {
                            String update = text.substring(after);
                            int data = update.indexOf("event: view\ndata: ");
                            int end = data < 0 ? -1 : update.indexOf("\n\n", data);
                            if (end > 0) {
                                JsonObject view = new JsonObject(update.substring(data + "event: view\ndata: ".length(), end));
                                test.verify(() -> {
                                    assertThat(view.getJsonObject("overall").getLong("denominator")).isEqualTo(1570L);
                                    JsonObject q5 = view.getJsonArray("groups").getJsonObject(4);
                                    assertThat(q5.getLong("numerator")).isEqualTo(85L);
                                    assertThat(q5.getDouble("value")).isEqualTo(13.5);   // 83 / 617 = 13.452…%
                                    assertNoSmallOrUnroundedCounts(view);
                                });
                                test.completeNow();
                            }
                        }
                    });
                }));
        assertThat(received).isNotNull();
        try {
            assertThat(test.awaitCompletion(20, TimeUnit.SECONDS)).as("update pushed").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static final String PIFU_STREAM = "/api/stream?metric=pifu_rate&period=2026-10&icb=QWE&by=imd_quintile";

    /** Reads a stream until its "ready" event and closes it; returns everything received. */
    private String streamUntilReady(Vertx vertx, String uri, String lastEventId) throws Exception {
        HttpClient http = vertx.createHttpClient();
        io.vertx.core.Promise<String> done = io.vertx.core.Promise.promise();
        StringBuilder received = new StringBuilder();
        http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", uri)
                .compose(req -> {
                    req.putHeader("Cookie", web.cookieHeader());
                    if (lastEventId != null) {
                        req.putHeader("Last-Event-ID", lastEventId);
                    }
                    return req.send();
                })
                .onSuccess(response -> response.handler(chunk -> {
                    received.append(chunk);
                    int ready = received.indexOf("event: ready\ndata: ");
                    if (ready >= 0 && received.indexOf("\n\n", ready) > 0) {
                        response.request().connection().close();
                        done.tryComplete(received.toString());
                    }
                }))
                .onFailure(done::tryFail);
        return done.future().await(20, TimeUnit.SECONDS);
    }

    @Test
    void aReconnectingClientNamesTheLastEventItSawAndGetsEverythingSince(Vertx vertx) throws Exception {
        String first = streamUntilReady(vertx, PIFU_STREAM, null);
        java.util.List<String> ids = first.lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        assertThat(ids).as("every event numbered").hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(first).contains("\"resumed_after\":null");
        String last = ids.get(ids.size() - 1);

        // While the client is away, a later batch arrives.
        storeALaterBatch();

        String resumed = streamUntilReady(vertx, PIFU_STREAM, last);
        assertThat(resumed).contains("\"resumed_after\":\"" + last + "\"");
        int data = resumed.indexOf("event: view\ndata: ");
        JsonObject view = new JsonObject(resumed.substring(data + "event: view\ndata: ".length(), resumed.indexOf("\n\n", data)));
        assertThat(view.getJsonObject("overall").getLong("denominator")).as("the update missed while away").isEqualTo(1570L);
        java.util.List<String> later = resumed.lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        assertThat(later).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void anUpdateWhoseAnnouncementWasLostArrivesWhenTheSubscriptionComesBack(Vertx vertx) throws Exception {
        LiveStreamReader page = LiveStreamReader.open(vertx, server.actualPort(), PIFU_STREAM, web);
        page.await("event: ready");
        // A batch lands while the server's subscription to the announcements is broken (its connection is
        // cut by Redis), so its announcement never reaches the server.
        storeALaterBatch();
        assertThat(redis.commands().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub())).isPositive();
        page.await("\"denominator\":1570");
        assertThat(page.ended.future().isComplete()).isFalse();
        page.close();
    }

    /** A later batch from the job: quintile 5 gains 100 attendances, 40 of them to PIFU. */
    private static void storeALaterBatch() {
        MetricCounts counts = ViewFixtures.counts();
        ViewFixtures.attendances(counts, 1, 412, 9);
        ViewFixtures.attendances(counts, 3, 5, 1);
        ViewFixtures.attendances(counts, 5, 233, 17);
        ViewFixtures.attendances(counts, 8, 301, 26);
        ViewFixtures.attendances(counts, 10, 617, 83);
        ViewFixtures.store(redis.commands(), "2026-10", Scope.icb("QWE"), counts);
    }

    static void assertNoSmallOrUnroundedCounts(JsonObject view) {
        JsonArray all = view.getJsonArray("groups").copy().add(view.getJsonObject("overall"));
        for (int i = 0; i < all.size(); i++) {
            JsonObject g = all.getJsonObject(i);
            for (String field : new String[] {"numerator", "denominator"}) {
                Long n = g.getLong(field);
                if (n != null) {
                    assertThat(n % 5).as(field + " of " + g.getString("group") + " rounded to 5").isZero();
                    assertThat(n == 0 || n >= 8).as(field + " not 1–7").isTrue();
                }
            }
        }
    }
}
