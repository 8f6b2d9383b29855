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
    java.nio.file.Path dir;

    @BeforeEach
    void deploy(Vertx vertx) {
        redis.commands().flushall();
        server = new DashboardServer(TestUsers.server(redis.url(), 60_000, dir));
        vertx.deployVerticle(server).await();
        web = TestUsers.signedIn(vertx, server.actualPort(), TestUsers.ADMIN);
    }

    @AfterEach
    void close() {
        web.close();
    }

    private HttpResponse<Buffer> send(HttpMethod method, String uri, String body) {
        return web.send(method, uri, body);
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
        assertThat(change.getString("created_by")).isEqualTo(TestUsers.ADMIN + "@127.0.0.1");
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
                "close service change", "register service change", "edit service change", "register service change",
                "sign in");
        assertThat(audit.getJsonObject(0).getString("change")).isEqualTo(id);
        assertThat(audit.getJsonObject(0).getString("who")).isEqualTo(TestUsers.ADMIN + "@127.0.0.1");
    }

    @Test
    void monitoringComparesThePooledMonthsBeforeAndAfterGoLive() {
        // QWE dermatology: 3 months before (PIFU 20/400 in Q1, 40/400 in Q5 each month), 2 after (20/400, 120/400)
        org.core20monitor.core.view.Scope derm = new org.core20monitor.core.view.Scope("QWE", null, "330", null);
        for (String month : new String[] {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"}) {
            org.core20monitor.core.metric.MetricCounts counts = ViewFixtures.counts();
            ViewFixtures.attendances(counts, 1, 400, 20);
            ViewFixtures.attendances(counts, 10, 400, month.compareTo("2026-04") >= 0 ? 120 : 40);
            ViewFixtures.store(redis.commands(), month, derm, counts);
        }
        JsonObject change = dermatology().put("metrics", new JsonArray().add("pifu_rate").add("waiting_list"))
                .put("groups", new JsonArray().add("imd_quintile")).put("baseline_from", "2026-01");
        String id = send(HttpMethod.POST, "/api/ehia/changes", change.encode()).bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/ehia/changes/" + id + "/monitoring", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject m = response.bodyAsJsonObject();
        assertThat(m.getJsonArray("before").getList()).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(m.getJsonArray("after").getList()).containsExactly("2026-04", "2026-05");
        JsonObject pifu = m.getJsonArray("metrics").getJsonObject(0);
        JsonObject q5 = pifu.getJsonArray("groups").stream().map(g -> (JsonObject) g)
                .filter(g -> "5".equals(g.getString("group"))).findFirst().orElseThrow();
        // pooled: 120/1200 = 10.0% before, 240/800 = 30.0% after; counts rounded to 5 as everywhere
        assertThat(q5.getJsonObject("before").getDouble("value")).isEqualTo(10.0);
        assertThat(q5.getJsonObject("before").getLong("denominator")).isEqualTo(1200L);
        assertThat(q5.getJsonObject("after").getDouble("value")).isEqualTo(30.0);
        JsonObject gap = pifu.getJsonArray("gaps").getJsonObject(0);
        assertThat(gap.getDouble("before")).isEqualTo(-5.0);   // 5% − 10%
        assertThat(gap.getDouble("after")).isEqualTo(-25.0);   // 5% − 30%
        assertThat(gap.getDouble("change")).isEqualTo(-20.0);
        assertThat(gap.getBoolean("widened")).isTrue();
        assertThat(m.getJsonArray("alerts").getJsonObject(0).getString("kind")).isEqualTo("gap_widened");
        assertThat(m.getJsonArray("notes").getString(0)).startsWith("Waiting list: a month-by-month figure");
        assertThat(send(HttpMethod.GET, "/api/ehia/changes/chg-000000000000/monitoring", null).statusCode())
                .isEqualTo(404);

        // The programme team's report, as PDF and as a workbook, both listed in the audit log.
        HttpResponse<Buffer> pdf = send(HttpMethod.GET, "/api/ehia/changes/" + id + "/report.pdf", null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.bodyAsBuffer().getBytes())) {
            assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
            assertThat(doc.getDocumentInformation().getTitle())
                    .isEqualTo("Equality and health inequalities impact monitoring: PIFU in dermatology at RXX");
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("has widened since go-live").containsPattern("-5\\.0\\s+-25\\.0\\s+-20\\.0");
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "exports"));
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 110),
                    "png", java.nio.file.Path.of("target", "exports", "ehia-report-page1.png").toFile());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        HttpResponse<Buffer> xlsx = send(HttpMethod.GET, "/api/ehia/changes/" + id + "/report.xlsx", null);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx.bodyAsBuffer().getBytes()))) {
            assertThat(book.getSheet("Alerts").getRow(1).getCell(3).getStringCellValue()).isEqualTo("gap_widened");
            var sheet = book.getSheet("pifu_rate");
            assertThat(sheet).isNotNull();
            boolean found = false;
            for (var row : sheet) {
                if ("Least deprived 20%".equals(row.getCell(1) == null ? null : row.getCell(1).toString())) {
                    assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(10.0);
                    assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(30.0);
                    found = true;
                }
            }
            assertThat(found).isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(send(HttpMethod.GET, "/api/audit", null).bodyAsJsonArray().stream()
                .map(e -> ((JsonObject) e).getString("what")).toList())
                .contains("export EHIA report pdf", "export EHIA report xlsx");
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
        HttpResponse<Buffer> plain = web.web.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/ehia/changes")
                .putHeader("X-XSRF-TOKEN", web.csrf())
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(dermatology().encode())).await();
        assertThat(plain.statusCode()).as("a cross-site form cannot send JSON: " + plain.bodyAsString()).isEqualTo(400);
        assertThat(plain.bodyAsJsonObject().getString("error")).contains("application/json");
        assertThat(send(HttpMethod.POST, "/api/ehia/changes", "").bodyAsJsonObject().getString("error"))
                .contains("JSON object");
        assertThat(send(HttpMethod.POST, "/api/ehia/changes", dermatology().put("colour", "blue").encode())
                .statusCode()).as("unknown field").isEqualTo(400);
        assertThat(send(HttpMethod.GET, "/api/ehia/changes/chg-000000000000", null).statusCode()).isEqualTo(404);
        assertThat(send(HttpMethod.GET, "/api/ehia/changes/../../etc", null).statusCode()).isEqualTo(404);
        assertThat(redis.commands().hlen(RedisKeys.EHIA_CHANGES)).as("nothing stored").isZero();
        assertThat(redis.commands().lrange(RedisKeys.AUDIT, 0, -1)).as("only the sign-in recorded")
                .allSatisfy(entry -> assertThat(entry).contains("\"what\":\"sign in\""));
    }
}
