package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may see and change what, through the real server, a real user file and a real Redis: sign-in
 * required everywhere but /health and /ready; a viewer of one ICB gets 403 for another ICB through
 * every door (views, series, overview, push, exports, the EHIA registry); roles; CSRF; the
 * sign-in throttle; one-time passwords; the audit log of it all.
 */
@ExtendWith(VertxExtension.class)
class AccessControlTest {

    private static final String QWE = "QWE";
    private static final String QHL = "QHL";
    private static TestRedis redis;
    private DashboardServer server;
    private Path users;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void deploy(Vertx vertx) {
        redis.commands().flushall();
        for (String icb : List.of(QWE, QHL)) {
            MetricCounts counts = ViewFixtures.counts();
            ViewFixtures.attendances(counts, 1, 400, 20);
            ViewFixtures.attendances(counts, 10, 500, 45);
            ViewFixtures.store(redis.commands(), "2026-10", Scope.icb(icb), counts);
            ViewFixtures.store(redis.commands(), "2026-10", new Scope(icb, "RJ7", null, null), counts);
            ViewFixtures.store(redis.commands(), "2026-10", Scope.ENGLAND, counts);
        }
        ServerConfig config = TestUsers.server(redis.url(), 60_000, dir);
        users = config.auth().usersFile();
        server = new DashboardServer(config);
        vertx.deployVerticle(server).await();
    }

    private TestUsers.Client as(Vertx vertx, String user) {
        return TestUsers.signedIn(vertx, server.actualPort(), user);
    }

    private static String view(String icb) {
        return "/api/views?metric=pifu_rate&period=2026-10&by=imd_quintile" + (icb == null ? "" : "&icb=" + icb);
    }

    @Test
    void nothingButHealthAndReadinessWithoutSigningIn(Vertx vertx) {
        WebClient anonymous = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setFollowRedirects(false));
        int port = server.actualPort();
        for (String uri : List.of(view(QWE), "/api/meta", "/api/overview?icb=QWE", "/api/series?metric=pifu_rate&icb=QWE",
                "/api/quality", "/api/audit", "/api/ehia/changes", "/api/export/board-paper.csv?icb=QWE",
                "/api/stream?metric=pifu_rate&icb=QWE", "/api/session", "/api/catalogue")) {
            HttpResponse<Buffer> r = anonymous.get(port, "127.0.0.1", uri).send().await();
            assertThat(r.statusCode()).as(uri).isEqualTo(401);
            assertThat(r.bodyAsJsonObject().getString("error")).as(uri).isEqualTo("sign in to see this");
            assertThat(r.getHeader("Content-Security-Policy")).as(uri).contains("frame-ancestors 'none'");
        }
        for (String page : List.of("/", "/index.html", "/metric.html?metric=pifu_rate", "/ehia.html", "/js/overview.js",
                "/webjars/chart.js/4.5.1/dist/chart.umd.js")) {
            HttpResponse<Buffer> r = anonymous.get(port, "127.0.0.1", page).send().await();
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(r.getHeader("Location")).as(page).startsWith("/login.html?next=");
        }
        assertThat(anonymous.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
        assertThat(anonymous.get(port, "127.0.0.1", "/ready").send().await().statusCode()).isEqualTo(200);
        HttpResponse<Buffer> login = anonymous.get(port, "127.0.0.1", "/login.html").send().await();
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.cookies()).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").contains("SameSite=Strict"));
        assertThat(login.cookies()).anySatisfy(c -> assertThat(c).startsWith("core20.session=")
                .containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void aViewerOfOneIcbGetsA403ForAnotherThroughEveryDoor(Vertx vertx) {
        TestUsers.Client viewer = as(vertx, TestUsers.QWE_VIEWER);
        assertThat(viewer.get(view(QWE)).statusCode()).isEqualTo(200);
        assertThat(viewer.get(view(null)).statusCode()).as("England's headline figures are for everyone").isEqualTo(200);
        for (String uri : List.of(view(QHL),
                "/api/views?metric=pifu_rate&period=2026-10&icb=QHL&provider=RJ7",
                "/api/views?metric=pifu_rate&period=2026-10&provider=RJ7",
                "/api/series?metric=pifu_rate&icb=QHL",
                "/api/overview?icb=QHL&period=2026-10",
                "/api/export/board-paper.pdf?icb=QHL&period=2026-10",
                "/api/export/board-paper.xlsx?icb=QHL&period=2026-10",
                "/api/export/board-paper.csv?icb=QHL&period=2026-10")) {
            HttpResponse<Buffer> r = viewer.get(uri);
            assertThat(r.statusCode()).as(uri).isEqualTo(403);
            assertThat(r.bodyAsJsonObject().getString("error")).as(uri).startsWith("you do not have access to figures for");
            assertThat(r.getHeader("Content-Type")).as(uri).startsWith("application/json");
        }
        assertThat(viewer.get("/api/export/board-paper.csv?icb=QWE&period=2026-10").statusCode()).isEqualTo(200);

        // The push channel: refused before a byte of figures is sent.
        HttpClient http = vertx.createHttpClient();
        for (String icb : List.of(QHL, QWE)) {
            String uri = "/api/stream?metric=pifu_rate&period=2026-10&by=imd_quintile&icb=" + icb;
            // Status, type and (for a refusal) the body, read before the response can run past us.
            String[] seen = http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", uri)
                    .compose(req -> req.putHeader("Cookie", viewer.cookieHeader()).send())
                    .compose(r -> {
                        String head = r.statusCode() + " " + r.getHeader("Content-Type");
                        if (r.statusCode() == 200) {
                            r.request().connection().close();
                            return io.vertx.core.Future.succeededFuture(new String[] {head, ""});
                        }
                        return r.body().map(b -> new String[] {head, b.toString()});
                    }).await();
            if (icb.equals(QHL)) {
                assertThat(seen[0]).startsWith("403 application/json");
                assertThat(seen[1]).contains("you do not have access").doesNotContain("numerator");
            } else {
                assertThat(seen[0]).isEqualTo("200 text/event-stream");
            }
        }

        // What has data lists only what the viewer may see.
        JsonObject meta = viewer.get("/api/meta").bodyAsJsonObject();
        assertThat(meta.getJsonArray("icbs").getList()).containsExactly(QWE);
        assertThat(meta.getJsonArray("scopes").stream().map(s -> ((JsonObject) s).getString("icb")))
                .allSatisfy(icb -> assertThat(icb).isIn(QWE, null));
        assertThat(as(vertx, TestUsers.ANALYST).get("/api/meta").bodyAsJsonObject().getJsonArray("icbs").getList())
                .containsExactly(QHL, QWE);

        // The audit log is for administrators; the refusals are in it.
        assertThat(viewer.get("/api/audit").statusCode()).isEqualTo(403);
        JsonArray audit = as(vertx, TestUsers.ADMIN).get("/api/audit?count=1000").bodyAsJsonArray();
        assertThat(audit.stream().map(e -> (JsonObject) e).filter(e -> e.getString("what").equals("refused"))
                .filter(e -> e.getString("who").equals(TestUsers.QWE_VIEWER + "@127.0.0.1")).count())
                .as("every refusal recorded").isEqualTo(10);
    }

    @Test
    void theRegistryKeepsEachIcbsChangesToItsOwnProgrammeLeads(Vertx vertx) {
        TestUsers.Client admin = as(vertx, TestUsers.ADMIN);
        TestUsers.Client lead = as(vertx, TestUsers.QWE_LEAD);
        TestUsers.Client viewer = as(vertx, TestUsers.QWE_VIEWER);
        HttpResponse<Buffer> other = admin.send(HttpMethod.POST, "/api/ehia/changes", change(QHL).encode());
        assertThat(other.statusCode()).isEqualTo(201);
        String otherId = other.bodyAsJsonObject().getString("id");

        assertThat(viewer.send(HttpMethod.POST, "/api/ehia/changes", change(QWE).encode()).statusCode())
                .as("a viewer cannot register").isEqualTo(403);
        assertThat(lead.send(HttpMethod.POST, "/api/ehia/changes", change(QHL).encode()).statusCode())
                .as("nor a lead of another ICB").isEqualTo(403);
        HttpResponse<Buffer> mine = lead.send(HttpMethod.POST, "/api/ehia/changes", change(QWE).encode());
        assertThat(mine.statusCode()).isEqualTo(201);
        String mineId = mine.bodyAsJsonObject().getString("id");
        assertThat(mine.bodyAsJsonObject().getString("created_by")).isEqualTo(TestUsers.QWE_LEAD + "@127.0.0.1");

        assertThat(lead.get("/api/ehia/changes").bodyAsJsonArray().stream().map(c -> ((JsonObject) c).getString("id")))
                .containsExactly(mineId);
        assertThat(viewer.get("/api/ehia/changes/" + mineId).statusCode()).isEqualTo(200);
        for (String uri : List.of("", "/monitoring", "/report.pdf", "/report.xlsx")) {
            assertThat(lead.get("/api/ehia/changes/" + otherId + uri).statusCode()).as(uri).isEqualTo(403);
        }
        assertThat(lead.send(HttpMethod.PUT, "/api/ehia/changes/" + otherId, change(QWE).encode()).statusCode())
                .as("nor move another ICB's change into its own").isEqualTo(403);
        assertThat(lead.send(HttpMethod.PUT, "/api/ehia/changes/" + mineId, change(QHL).encode()).statusCode())
                .as("nor move its own into another ICB").isEqualTo(403);
        assertThat(lead.send(HttpMethod.POST, "/api/ehia/changes/" + otherId + "/close", null).statusCode()).isEqualTo(403);
        assertThat(viewer.send(HttpMethod.POST, "/api/ehia/changes/" + mineId + "/close", null).statusCode()).isEqualTo(403);
        assertThat(redis.commands().hget(RedisKeys.EHIA_CHANGES, otherId)).contains("\"status\":\"OPEN\"")
                .contains("\"icb\":\"QHL\"");
        assertThat(redis.commands().hget(RedisKeys.EHIA_CHANGES, mineId)).contains("\"icb\":\"QWE\"");
    }

    private static JsonObject change(String icb) {
        return new JsonObject().put("name", "PIFU in dermatology").put("scope", new JsonObject().put("icb", icb))
                .put("go_live", "2026-04-01").put("metrics", new JsonArray().add("pifu_rate"))
                .put("groups", new JsonArray().add("imd_quintile"))
                .put("baseline_from", "2025-04").put("baseline_to", "2026-03");
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenFail(Vertx vertx) {
        TestUsers.Client lead = as(vertx, TestUsers.QWE_LEAD);
        for (String token : new String[] {null, "", "forged", lead.csrf() + "x"}) {
            var request = lead.web.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/ehia/changes")
                    .putHeader("Content-Type", "application/json");
            if (token != null) {
                request.putHeader("X-XSRF-TOKEN", token);
            }
            HttpResponse<Buffer> r = request.sendBuffer(Buffer.buffer(change(QWE).encode())).await();
            assertThat(r.statusCode()).as("token " + token).isEqualTo(403);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("CSRF token");
        }
        assertThat(lead.web.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/logout").send().await()
                .statusCode()).as("signing out needs it too").isEqualTo(403);
        assertThat(redis.commands().hlen(RedisKeys.EHIA_CHANGES)).as("nothing registered").isZero();
        // A refused form can be corrected and sent again with the same token.
        assertThat(lead.send(HttpMethod.POST, "/api/ehia/changes", change(QWE).put("go_live", "soon").encode())
                .statusCode()).isEqualTo(400);
        assertThat(lead.send(HttpMethod.POST, "/api/ehia/changes", change(QWE).encode()).statusCode()).isEqualTo(201);

        // Signing in is protected as well (no signing a victim into an attacker's account).
        TestUsers.Client fresh = new TestUsers.Client(vertx, server.actualPort());
        HttpResponse<Buffer> noToken = fresh.web.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/login")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(new JsonObject().put("username", TestUsers.ANALYST)
                        .put("password", TestUsers.PASSWORD).encode())).await();
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(fresh.get("/api/session").statusCode()).isEqualTo(401);
    }

    @Test
    void signingInRenewsTheSessionAndSigningOutEndsIt(Vertx vertx) {
        TestUsers.Client client = new TestUsers.Client(vertx, server.actualPort());
        String before = session(client);
        client.get("/login.html");
        String tokenBefore = client.csrf();
        assertThat(tokenBefore).isNotEmpty();
        HttpResponse<Buffer> signedIn = client.signIn(TestUsers.ANALYST, TestUsers.PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(session(client)).as("a new session id at sign-in").isNotEqualTo(before);
        assertThat(client.csrf()).as("a new CSRF token at sign-in").isNotNull().isNotEqualTo(tokenBefore);
        assertThat(signedIn.cookies().stream().filter(c -> c.startsWith("XSRF-TOKEN=")).count())
                .as("one token cookie in the answer").isEqualTo(1);
        JsonObject me = client.get("/api/session").bodyAsJsonObject();
        assertThat(me.getString("username")).isEqualTo(TestUsers.ANALYST);
        assertThat(me.getJsonArray("roles").getList()).containsExactly("viewer");
        assertThat(client.get(view(QHL)).statusCode()).isEqualTo(200);
        assertThat(client.send(HttpMethod.POST, "/api/logout", null).statusCode()).isEqualTo(204);
        assertThat(client.get(view(QHL)).statusCode()).isEqualTo(401);
        List<String> what = as(vertx, TestUsers.ADMIN).get("/api/audit").bodyAsJsonArray().stream()
                .map(e -> ((JsonObject) e).getString("what") + " " + ((JsonObject) e).getString("username")).toList();
        assertThat(what).containsSubsequence("sign in admin", "sign out analyst", "sign in analyst");
    }

    private static String session(TestUsers.Client client) {
        for (var c : client.web.cookieStore().get(false, "127.0.0.1", "/")) {
            if (c.name().equals("core20.session")) {
                return c.value();
            }
        }
        return null;
    }

    @Test
    void repeatedWrongPasswordsPauseSigningInAndAreAudited(Vertx vertx) {
        TestUsers.Client guesser = new TestUsers.Client(vertx, server.actualPort());
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> r = guesser.signIn(TestUsers.QWE_LEAD, "guess number " + i);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("wrong username or password");
        }
        HttpResponse<Buffer> paused = guesser.signIn(TestUsers.QWE_LEAD, TestUsers.PASSWORD);
        assertThat(paused.statusCode()).as("even the right password, during the pause").isEqualTo(429);
        assertThat(Long.parseLong(paused.getHeader("Retry-After"))).isBetween(1L, 15L * 60);
        assertThat(guesser.get("/api/session").statusCode()).isEqualTo(401);
        // An unknown user is answered the same way as a wrong password.
        assertThat(guesser.signIn("nobody", TestUsers.PASSWORD).bodyAsJsonObject().getString("error"))
                .isEqualTo("wrong username or password");
        // Others can still sign in.
        assertThat(new TestUsers.Client(vertx, server.actualPort()).signIn(TestUsers.ANALYST, TestUsers.PASSWORD)
                .statusCode()).isEqualTo(200);

        List<JsonObject> audit = as(vertx, TestUsers.ADMIN).get("/api/audit?count=1000").bodyAsJsonArray().stream()
                .map(e -> (JsonObject) e).toList();
        assertThat(audit.stream().filter(e -> e.getString("what").equals("failed sign in")
                && TestUsers.QWE_LEAD.equals(e.getString("username")))).hasSize(5);
        assertThat(audit.stream().filter(e -> e.getString("what").startsWith("sign in refused")
                && TestUsers.QWE_LEAD.equals(e.getString("username")))).hasSize(1);
        assertThat(audit).allSatisfy(e -> assertThat(e.encode()).doesNotContain(TestUsers.PASSWORD).doesNotContain("guess"));
    }

    @Test
    void aOneTimePasswordMustBeChangedBeforeAnyFigure(Vertx vertx) throws Exception {
        TestUsers.Client fresh = new TestUsers.Client(vertx, server.actualPort());
        HttpResponse<Buffer> signedIn = fresh.signIn(TestUsers.FRESH, TestUsers.PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.bodyAsJsonObject().getBoolean("must_change_password")).isTrue();
        HttpResponse<Buffer> blocked = fresh.get(view(QWE));
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.bodyAsJsonObject().getBoolean("password_change_required")).isTrue();
        assertThat(fresh.get("/index.html").getHeader("Location")).isEqualTo("/account.html");

        String chosen = "a-new-password-of-my-own";
        assertThat(change(fresh, "wrong current", chosen).bodyAsJsonObject().getString("error"))
                .isEqualTo("the current password is not right");
        assertThat(change(fresh, TestUsers.PASSWORD, "short").bodyAsJsonObject().getString("error")).contains("at least 12");
        assertThat(change(fresh, TestUsers.PASSWORD, TestUsers.PASSWORD).statusCode()).isEqualTo(400);
        assertThat(change(fresh, TestUsers.PASSWORD, chosen).statusCode()).isEqualTo(204);
        assertThat(fresh.get(view(QWE)).statusCode()).isEqualTo(200);

        String file = Files.readString(users);
        assertThat(file).doesNotContain(chosen);
        JsonObject stored = new JsonObject(file).getJsonArray("users").stream().map(u -> (JsonObject) u)
                .filter(u -> u.getString("username").equals(TestUsers.FRESH)).findFirst().orElseThrow();
        assertThat(stored.getBoolean("must_change_password")).isFalse();
        assertThat(new TestUsers.Client(vertx, server.actualPort()).signIn(TestUsers.FRESH, TestUsers.PASSWORD).statusCode())
                .as("the one-time password no longer works").isEqualTo(401);
        assertThat(new TestUsers.Client(vertx, server.actualPort()).signIn(TestUsers.FRESH, chosen).statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<Buffer> change(TestUsers.Client client, String current, String chosen) {
        return client.send(HttpMethod.POST, "/api/account/password",
                new JsonObject().put("current", current).put("new", chosen).encode());
    }

    @Test
    void aUserRemovedFromTheFileLosesAccessAtOnce(Vertx vertx) throws Exception {
        TestUsers.Client viewer = as(vertx, TestUsers.QWE_VIEWER);
        assertThat(viewer.get(view(QWE)).statusCode()).isEqualTo(200);
        org.core20monitor.web.auth.UserFile.open(users, line -> {}).remove(TestUsers.QWE_VIEWER);
        assertThat(viewer.get(view(QWE)).statusCode()).isEqualTo(401);
    }

    @Test
    void anOpenStreamEndsWhenItsSessionEndsOrItsAccessIsWithdrawn(Vertx vertx) throws Exception {
        // A server that re-checks its streams every 200 ms (its heartbeat), on the same Redis and user file.
        DashboardServer quick = new DashboardServer(TestUsers.server(redis.url(), 200, dir));
        vertx.deployVerticle(quick).await();
        int port = quick.actualPort();
        TestUsers.Client leaving = TestUsers.signedIn(vertx, port, TestUsers.QWE_VIEWER);
        TestUsers.Client withdrawn = TestUsers.signedIn(vertx, port, TestUsers.QWE_LEAD);
        TestUsers.Client staying = TestUsers.signedIn(vertx, port, TestUsers.ANALYST);
        String stream = "/api/stream?metric=pifu_rate&period=2026-10&by=imd_quintile&icb=" + QWE;
        LiveStreamReader signedOut = LiveStreamReader.open(vertx, port, stream, leaving);
        LiveStreamReader cutOff = LiveStreamReader.open(vertx, port, stream, withdrawn);
        LiveStreamReader control = LiveStreamReader.open(vertx, port, stream, staying);
        for (LiveStreamReader s : List.of(signedOut, cutOff, control)) {
            s.await("event: ready");
        }

        // Signed out in another tab: the open stream ends with a word to the page.
        assertThat(leaving.send(HttpMethod.POST, "/api/logout", null).statusCode()).isEqualTo(204);
        assertThat(signedOut.ended.future().await(10, java.util.concurrent.TimeUnit.SECONDS)).contains("event: signed_out");

        // The lead's ICB is taken away in the user file: their open stream of it ends too.
        JsonObject file = new JsonObject(java.nio.file.Files.readString(users));
        file.getJsonArray("users").stream().map(u -> (JsonObject) u)
                .filter(u -> u.getString("username").equals(TestUsers.QWE_LEAD))
                .forEach(u -> u.put("icbs", new JsonArray().add(QHL)));
        java.nio.file.Files.writeString(users, file.encodePrettily());
        java.nio.file.Files.setLastModifiedTime(users, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 2_000)); // noticed even within the file system's time resolution
        assertThat(cutOff.ended.future().await(10, java.util.concurrent.TimeUnit.SECONDS)).contains("event: signed_out");

        // Everyone else's stream carries on.
        int beats = control.count("event: heartbeat");
        control.await("event: heartbeat", beats + 3);
        assertThat(control.ended.future().isComplete()).isFalse();
        assertThat(control.text()).doesNotContain("signed_out");
        for (LiveStreamReader s : List.of(signedOut, cutOff, control)) {
            s.close();
        }
    }

    @Test
    void theClientsAddressComesFromTheProxyOnlyWhenTheProxyIsTrusted(Vertx vertx) {
        ServerConfig base = TestUsers.server(redis.url(), 60_000, dir);
        DashboardServer behindProxy = new DashboardServer(base.withAuth(base.auth().withForwardedHeaders(
                io.vertx.ext.web.AllowForwardHeaders.X_FORWARD)));
        vertx.deployVerticle(behindProxy).await();
        for (DashboardServer s : List.of(server, behindProxy)) {
            TestUsers.Client client = new TestUsers.Client(vertx, s.actualPort());
            HttpResponse<Buffer> r = client.web.request(HttpMethod.POST, s.actualPort(), "127.0.0.1", "/api/login")
                    .putHeader("Content-Type", "application/json").putHeader("X-XSRF-TOKEN", client.csrf())
                    .putHeader("X-Forwarded-For", "203.0.113.9")
                    .sendBuffer(Buffer.buffer(new JsonObject().put("username", TestUsers.ANALYST).put("password", "wrong")
                            .encode())).await();
            assertThat(r.statusCode()).isEqualTo(401);
        }
        List<String> failures = as(vertx, TestUsers.ADMIN).get("/api/audit?count=1000").bodyAsJsonArray().stream()
                .map(e -> (JsonObject) e).filter(e -> e.getString("what").equals("failed sign in"))
                .map(e -> e.getString("who")).toList();
        assertThat(failures).as("newest first: the trusting server, then the other")
                .containsExactly("anonymous@203.0.113.9", "anonymous@127.0.0.1");
    }
}
