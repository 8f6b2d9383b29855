package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.report.Format;
import org.core20monitor.flink.JobOptions;
import org.core20monitor.flink.OutpatientMetricsJob;
import org.core20monitor.testing.TestRedis;
import org.core20monitor.web.export.BoardPaperPdf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The board paper and its data for a year of one ICB, generated, run through the Flink job into a
 * real Redis and exported by the real server: the PDF opened with PDFBox (tagged, title, language,
 * headings, alternative text on every image, table values equal to the API's, page 1 rendered to PNG),
 * the XLSX with POI and the CSV, each against the API, and the exports listed in the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTest {

    private static final String PERIOD = "2026-10";
    private static final Path OUT = Path.of("target", "exports");

    private TestRedis redis;
    private Vertx vertx;
    private DashboardServer server;
    private TestUsers.Client web;

    @BeforeAll
    void runTheJobOverAYearAndStartTheServer() throws Exception {
        redis = TestRedis.start();
        // QOP, with many more people in Core20 areas than QWE, carries the flatter Core20 PIFU rollout.
        GeneratorConfig config = new GeneratorConfig(5, List.of("QWE", "QOP"), ImdEdition.IMD2025,
                Instant.parse("2025-11-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(),
                1200, 0.001, 0.001, 6, false, GeneratorConfig.Scenario.FLAT_CORE20_PIFU);
        Path file = Files.createTempFile("export-test-", ".jsonl");
        file.toFile().deleteOnExit();
        Files.write(file, SyntheticEventGenerator.history(config), StandardCharsets.UTF_8);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobOptions options = JobOptions.from(new String[] {"--source", "files", "--input", file.toString(),
                "--redis", redis.url(), "--emit-interval", "200"}, Map.of());
        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        job.toRedis(job.build(job.source(env)), OutpatientMetricsJob.redisSink(redis.url()));
        env.execute("export-test");

        vertx = Vertx.vertx();
        server = new DashboardServer(TestUsers.server(redis.url(), 60_000, Files.createTempDirectory("core20-users")));
        vertx.deployVerticle(server).await();
        web = TestUsers.signedIn(vertx, server.actualPort(), TestUsers.ADMIN);
        Files.createDirectories(OUT);
    }

    @AfterAll
    void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private HttpResponse<Buffer> get(String uri) {
        return web.get(uri);
    }

    /** A download that must succeed, kept in target/exports for a reader to open. */
    private byte[] download(String uri, String file) throws java.io.IOException {
        HttpResponse<Buffer> response = get(uri);
        assertThat(response.statusCode()).as(uri).isEqualTo(200);
        byte[] bytes = response.bodyAsBuffer().getBytes();
        Files.write(OUT.resolve(file), bytes);
        return bytes;
    }

    private JsonObject view(Metric metric, String by) {
        return get("/api/views?metric=" + metric.id + "&icb=QWE&period=" + PERIOD + "&by=" + by).bodyAsJsonObject();
    }

    @Test
    void boardPaperIsATaggedAccessiblePdfWithTheApisNumbers() throws Exception {
        HttpResponse<Buffer> response = get("/api/export/board-paper.pdf?icb=QWE&period=" + PERIOD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).contains("core20-board-paper-QWE-all-all-all-2026-10.pdf");
        byte[] bytes = response.bodyAsBuffer().getBytes();
        Files.write(OUT.resolve("board-paper.pdf"), bytes);

        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            var catalog = pdf.getDocumentCatalog();
            assertThat(catalog.getMarkInfo()).isNotNull();
            assertThat(catalog.getMarkInfo().isMarked()).as("tagged").isTrue();
            assertThat(catalog.getStructureTreeRoot()).isNotNull();
            assertThat(catalog.getLanguage()).isEqualTo("en-GB");
            String title = BoardPaperPdf.title("ICB QWE", PERIOD);
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(title);
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();

            List<PDStructureElement> elements = new ArrayList<>();
            collect(catalog.getStructureTreeRoot(), elements);
            List<String> types = elements.stream().map(PDStructureElement::getStructureType).toList();
            assertThat(types).contains("H1", "Table", "TH", "TD", "L", "LI");
            assertThat(types.stream().filter("H1"::equals).count()).isEqualTo(1);
            // Summary, one per metric, data quality, about these figures
            assertThat(types.stream().filter("H2"::equals).count()).isEqualTo(Metric.values().length + 3);
            List<PDStructureElement> figures = elements.stream().filter(e -> "Figure".equals(e.getStructureType())).toList();
            assertThat(figures).hasSizeGreaterThanOrEqualTo(Metric.values().length);
            assertThat(figures).allSatisfy(f -> assertThat(f.getAlternateDescription()).isNotBlank());
            assertThat(figures.stream().map(PDStructureElement::getAlternateDescription))
                    .anySatisfy(alt -> assertThat(alt).startsWith("Bar chart of Moved or discharged to PIFU by deprivation"));

            // The PIFU table by deprivation: every row as the API has it.
            String text = new PDFTextStripper().getText(pdf);
            Files.writeString(OUT.resolve("board-paper.txt"), text);
            JsonObject quintiles = view(Metric.PIFU_RATE, "imd_quintile");
            String caption = "Moved or discharged to PIFU by deprivation (IMD quintile), October 2026";
            int at = text.indexOf(caption);
            assertThat(at).as("the table's caption").isPositive();
            String table = text.substring(at, Math.min(text.length(), at + 1500));
            JsonArray groups = quintiles.getJsonArray("groups").copy().add(quintiles.getJsonObject("overall")
                    .put("label", "All patients"));
            for (int i = 0; i < groups.size(); i++) {
                JsonObject g = groups.getJsonObject(i);
                String row = Pattern.quote(g.getString("label")) + "\\s+" + cell(g, "numerator") + "\\s+"
                        + cell(g, "denominator") + "\\s+" + value(g, "%") + "\\s+" + interval(g);
                assertThat(table).as(g.getString("label")).containsPattern(row);
            }
            // The summary's PIFU line: the overall value and interval as the API has it.
            JsonObject overall = quintiles.getJsonObject("overall");
            String summary = text.substring(0, text.indexOf("The largest gaps"));
            String headline = Format.number(overall.getDouble("value"), "%") + "% (" + Format.number(overall.getDouble("lower"),
                    "%") + " to " + Format.number(overall.getDouble("upper"), "%") + ")";
            // Table cells wrap onto several lines in the extracted text: any whitespace may separate words.
            assertThat(summary).containsPattern("Moved or discharged\\s+to PIFU\\s+"
                    + Pattern.quote(headline).replace(" ", "\\E\\s+\\Q"));
            assertThat(text).contains("Counts are rounded to the nearest 5");

            // Page 1 as a reader sees it.
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
            ImageIO.write(page, "png", OUT.resolve("board-paper-page1.png").toFile());
            assertThat(page.getWidth()).isGreaterThan(800);
        }
    }

    @Test
    void boardPaperSaysTheGapInPatientsAndWhereEachGroupIsHeadingAsTheDashboardDoes() throws Exception {
        byte[] bytes = download("/api/export/board-paper.pdf?icb=QOP&period=" + PERIOD, "board-paper-qop.pdf");
        JsonObject outlook = get("/api/overview?icb=QOP&period=" + PERIOD).bodyAsJsonObject().getJsonArray("tiles")
                .getJsonObject(0).getJsonObject("outlook");
        assertThat(outlook.getString("gap_in_patients")).startsWith("In October 2026").contains(" more patients in the "
                + "most deprived 20% would have been moved or discharged to PIFU at the rate of the least deprived 20%");
        assertThat(outlook.getJsonArray("trajectory_flags").getString(0))
                .startsWith("For the most deprived 20% (Core20), the 5% target is ");
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            // Words wrap onto new lines in the extracted text: compare with single spaces.
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            Files.writeString(OUT.resolve("board-paper-qop.txt"), text);
            assertThat(text).contains(outlook.getString("gap_in_patients"));
            assertThat(text).contains(outlook.getString("trajectory"));
            assertThat(text).contains(outlook.getString("england"));
            outlook.getJsonArray("trajectory_flags").forEach(f -> assertThat(text).contains((String) f));
            assertThat(text).contains("Groups projected to reach a national target later than the rest")
                    .contains("Moved or discharged to PIFU: " + outlook.getJsonArray("trajectory_flags").getString(0))
                    .contains("Where each group is heading: Core20 and the rest")
                    .contains("Against England and peer ICBs")
                    .contains("If every quintile had the rate of the least deprived 20%");
        }
    }

    @Test
    void dataBehindThePaperIsAWorkbookWithASheetPerMetricAndTheApisNumbers() throws Exception {
        byte[] bytes = download("/api/export/board-paper.xlsx?icb=QWE&period=" + PERIOD, "board-paper.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).startsWith("About", "Definitions");
            for (Metric m : Metric.values()) {
                assertThat(names).contains(m.id);
            }
            assertThat(book.getSheet("Definitions").getRow(1).getCell(0).getStringCellValue()).isEqualTo("pifu_rate");
            for (Metric metric : List.of(Metric.PIFU_RATE, Metric.DNA_RATE, Metric.FU_RATIO)) {
                for (String by : List.of("imd_quintile", "ethnicity_group")) {
                    JsonObject view = view(metric, by);
                    JsonArray groups = view.getJsonArray("groups");
                    Sheet sheet = book.getSheet(metric.id);
                    int checked = 0;
                    for (Row row : sheet) {
                        if (row.getCell(0) == null || !by.equals(text(row.getCell(0)))) {
                            continue;
                        }
                        JsonObject g = row.getCell(1).getStringCellValue().equals("All patients") ? view.getJsonObject("overall")
                                : find(groups, row.getCell(1).getStringCellValue());
                        assertThat(number(row.getCell(2))).as(metric + " " + by + " numerator").isEqualTo(expected(g, "numerator"));
                        assertThat(number(row.getCell(3))).as("denominator").isEqualTo(expected(g, "denominator"));
                        assertThat(number(row.getCell(4))).as("value").isEqualTo(expected(g, "value"));
                        assertThat(number(row.getCell(5))).as("lower").isEqualTo(expected(g, "lower"));
                        checked++;
                    }
                    assertThat(checked).as(metric + " " + by).isEqualTo(groups.size() + 1);
                }
            }
        }
    }

    @Test
    void csvHasTheSameRowsAndEveryExportIsInTheAuditLog() {
        HttpResponse<Buffer> response = get("/api/export/board-paper.csv?icb=QWE&period=" + PERIOD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/csv");
        List<String> lines = response.bodyAsString().lines().toList();
        assertThat(lines.get(0)).startsWith("metric,period,breakdown,group,numerator,denominator,value");
        JsonObject dna = view(Metric.DNA_RATE, "imd_quintile");
        JsonObject q1 = dna.getJsonArray("groups").getJsonObject(0);
        String expected = String.join(",", "dna_rate", PERIOD, "imd_quintile", "Most deprived 20%",
                csv(q1, "numerator"), csv(q1, "denominator"), csv(q1, "value"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(expected));

        assertThat(get("/api/export/board-paper.csv?icb=QW").statusCode()).isEqualTo(400);
        JsonArray audit = get("/api/audit").bodyAsJsonArray();
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("what")).toList())
                .contains("export board paper csv");
        JsonObject last = audit.getJsonObject(0);
        assertThat(last.getString("who")).isEqualTo(TestUsers.ADMIN + "@127.0.0.1");
        assertThat(Instant.parse(last.getString("when"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(last.getString("period")).isEqualTo(PERIOD);
        assertThat(get("/api/audit?count=0").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- helpers

    private static void collect(PDStructureNode node, List<PDStructureElement> out) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement e) {
                out.add(e);
                collect(e, out);
            }
        }
    }

    private static String cell(JsonObject g, String field) {
        Long n = g.getLong(field);
        return n == null ? Pattern.quote(g.getBoolean("suppressed") ? "*" : "–") : Pattern.quote(Format.count(n));
    }

    private static String value(JsonObject g, String unit) {
        Double v = g.getDouble("value");
        return Pattern.quote(v == null ? missing(g) : Format.number(v, unit));
    }

    private static String interval(JsonObject g) {
        Double lo = g.getDouble("lower");
        return Pattern.quote(lo == null ? missing(g) : Format.interval(lo, g.getDouble("upper"), "%"));
    }

    /** "*" for a hidden figure, "–" for a group with no records at all. */
    private static String missing(JsonObject g) {
        return !g.getBoolean("suppressed") && Long.valueOf(0).equals(g.getLong("denominator")) ? "–" : "*";
    }

    private static JsonObject find(JsonArray groups, String label) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.getJsonObject(i).getString("label").equals(label)) {
                return groups.getJsonObject(i);
            }
        }
        throw new AssertionError("no group " + label);
    }

    private static String text(Cell c) {
        return c.getCellType() == CellType.STRING ? c.getStringCellValue() : String.valueOf(c.getNumericCellValue());
    }

    /** A cell as the API would have it: a number, "*" for suppressed, "" for none. */
    private static Object number(Cell c) {
        return c == null ? "" : c.getCellType() == CellType.NUMERIC ? (Object) c.getNumericCellValue() : c.getStringCellValue();
    }

    private static Object expected(JsonObject g, String field) {
        Object v = g.getValue(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return g.getBoolean("suppressed") ? "*" : "";
    }

    private static String csv(JsonObject g, String field) {
        Object v = g.getValue(field);
        if (v == null) {
            return g.getBoolean("suppressed") ? "*" : "";
        }
        double d = ((Number) v).doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
