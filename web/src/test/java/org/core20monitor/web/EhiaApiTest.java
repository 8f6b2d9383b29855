package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EHIA registry through the real server and a real Redis: register, list, edit, close, and refusals. */
@ExtendWith(VertxExtension.class)
class EhiaApiTest {

    private static TestRedis redis;
    private DashboardServer server;
    private WebClient web;

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
        server = new DashboardServer(new ServerConfig("127.0.0.1", 0, redis.url(), 60_000));
        vertx.deployVerticle(server).await();
        web = WebClient.create(vertx);
    }

    @AfterEach
    void close() {
        web.close();
    }

    private HttpResponse<Buffer> send(HttpMethod method, String uri, String body) {
        var request = web.request(method, server.actualPort(), "127.0.0.1", uri);
        return (body == null ? request.send() : request.putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))).await();
    }

    private static JsonObject dermatology() {
        return new JsonObject()
                .put("name", "PIFU in dermatology at RXX")
                .put("scope", new JsonObject().put("icb", "QWE").put("specialty", "330"))
                .put("go_live", "2026-04-01")
                .put("metrics", new JsonArray().add("pifu_rate").add("dna_rate"))
                .put("groups", new JsonArray().add("imd_quintile").add("ethnicity_group"))
                .put("baseline_from", "2025-04")
                .put("baseline_to", "2026-03");
    }

    @Test
    void aChangeIsRegisteredEditedAndClosedAndEachStepIsAudited() {
        HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/ehia/changes", dermatology().encode());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject change = created.bodyAsJsonObject();
        String id = change.getString("id");
        assertThat(id).matches("chg-[0-9a-f]{12}");
        assertThat(change.getString("status")).isEqualTo("OPEN");
        assertThat(change.getJsonObject("scope").getString("specialty")).isEqualTo("330");
        assertThat(change.getString("created_by")).startsWith("anonymous@127.0.0.1");
        assertThat(redis.commands().hget(RedisKeys.EHIA_CHANGES, id)).contains("PIFU in dermatology");

        assertThat(send(HttpMethod.GET, "/api/ehia/changes/" + id, null).bodyAsJsonObject().getString("name"))
                .isEqualTo("PIFU in dermatology at RXX");
        HttpResponse<Buffer> edited = send(HttpMethod.PUT, "/api/ehia/changes/" + id,
                dermatology().put("name", "PIFU in dermatology, all of QWE").encode());
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.bodyAsJsonObject().getString("name")).isEqualTo("PIFU in dermatology, all of QWE");
        assertThat(edited.bodyAsJsonObject().getString("created_at")).isEqualTo(change.getString("created_at"));

        send(HttpMethod.POST, "/api/ehia/changes", dermatology().put("name", "Second change").encode());
        JsonArray all = send(HttpMethod.GET, "/api/ehia/changes", null).bodyAsJsonArray();
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.getJsonObject(0).getString("name")).as("newest first").isEqualTo("Second change");

        HttpResponse<Buffer> closed = send(HttpMethod.POST, "/api/ehia/changes/" + id + "/close", null);
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("CLOSED");
        assertThat(closed.bodyAsJsonObject().getString("closed_at")).isNotBlank();
        assertThat(send(HttpMethod.POST, "/api/ehia/changes/" + id + "/close", null).statusCode()).isEqualTo(409);
        assertThat(send(HttpMethod.PUT, "/api/ehia/changes/" + id, dermatology().encode()).statusCode()).isEqualTo(409);

        JsonArray audit = send(HttpMethod.GET, "/api/audit", null).bodyAsJsonArray();
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("what")).toList()).containsExactly(
                "close service change", "register service change", "edit service change", "register service change");
        assertThat(audit.getJsonObject(0).getString("change")).isEqualTo(id);
    }

    @Test
    void badSubmissionsGetA400ListingEveryProblemAndUnknownIdsA404() {
        HttpResponse<Buffer> bad = send(HttpMethod.POST, "/api/ehia/changes", dermatology()
                .put("metrics", new JsonArray().add("joy")).put("baseline_to", "2026-04").encode());
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonObject error = bad.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("the service change is not valid: 2 problems");
        assertThat(error.getJsonArray("problems").getList()).containsExactlyInAnyOrder(
                "metrics: unknown metric 'joy'",
                "baseline_to: the baseline must end before the go-live month (2026-04)");
        assertThat(send(HttpMethod.POST, "/api/ehia/changes", "{not json").statusCode()).isEqualTo(400);
        assertThat(send(HttpMethod.POST, "/api/ehia/changes", "").bodyAsJsonObject().getString("error"))
                .contains("JSON object");
        assertThat(send(HttpMethod.POST, "/api/ehia/changes", dermatology().put("colour", "blue").encode())
                .statusCode()).as("unknown field").isEqualTo(400);
        assertThat(send(HttpMethod.GET, "/api/ehia/changes/chg-000000000000", null).statusCode()).isEqualTo(404);
        assertThat(send(HttpMethod.GET, "/api/ehia/changes/../../etc", null).statusCode()).isEqualTo(404);
        assertThat(redis.commands().hlen(RedisKeys.EHIA_CHANGES)).as("nothing stored").isZero();
        assertThat(redis.commands().llen(RedisKeys.AUDIT)).isZero();
    }
}
