package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;
import org.core20monitor.flink.JobOptions;
import org.core20monitor.flink.OutpatientMetricsJob;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboards end to end in a real headless Chromium: the Flink job watches a directory and
 * writes to a real Redis, the server serves the pages, and the tests walk overview → metric →
 * drill-down, change filters, compare every number shown with the API's, watch a live update
 * arrive, stop the server to see the stale banner and the reconnect that misses nothing, run axe-core
 * in each page, and check that no small or unrounded count reaches the page. Screenshots of each
 * page at desktop and phone widths are saved under target/screenshots. Needs Debian's chromium and
 * chromium-driver (.ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LATEST = "2026-04";
    private static final int DESKTOP = 1400;
    private static final int PHONE = 390;

    /**
     * Records what the page receives, before the page's own code runs: every JSON response body and
     * every pushed event, so the test can check the traffic itself for small counts.
     */
    private static final String RECORD_TRAFFIC = """
            window.__traffic = [];
            const realFetch = window.fetch;
            window.fetch = async (...args) => {
              const res = await realFetch(...args);
              res.clone().text().then((t) => window.__traffic.push({ url: String(args[0]), body: t }));
              return res;
            };
            const RealEventSource = window.EventSource;
            window.EventSource = class extends RealEventSource {
              constructor(url, init) {
                super(url, init);
                for (const type of ['view', 'quality']) {
                  this.addEventListener(type, (e) => window.__traffic.push({ url: String(url), body: e.data }));
                }
              }
            };
            """;

    private Path work;
    private Path inbox;
    private TestRedis redis;
    private JobClient job;
    private Vertx vertx;
    private String serverDeployment;
    private int port;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    private org.core20monitor.web.auth.AuthConfig users;
    private List<String> history;
    /** PIFU numerator and denominator the metric page shows for QWE's latest month after the live tests. */
    private long[] shown;

    @BeforeAll
    void startEverything() throws Exception {
        assertThat(new File(CHROMIUM).canExecute()).as("Chromium is needed: apt-get install -y chromium chromium-driver").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("ChromeDriver is needed: apt-get install -y chromium-driver").isTrue();
        work = Files.createTempDirectory("dashboard-browser-test");
        inbox = Files.createDirectories(work.resolve("inbox"));
        redis = TestRedis.startPersistent(); // stopped and restarted in the outage test
        history = history();
        Files.write(inbox.resolve("001-history.jsonl"), history, StandardCharsets.UTF_8);

        // Checkpoints to files, every 2 s, configured as the deployed job configures them.
        JobOptions options = JobOptions.from(new String[] {"--source", "files", "--input", inbox.toString(),
                "--watch", "500", "--redis", redis.url(), "--emit-interval", "200", "--checkpoint-interval", "2000",
                "--checkpoint-dir", work.resolve("checkpoints").toUri().toString()}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                org.core20monitor.flink.JobConfiguration.checkpointing(options));
        env.setParallelism(2);
        OutpatientMetricsJob metrics = new OutpatientMetricsJob(options);
        metrics.toRedis(metrics.build(metrics.source(env)), OutpatientMetricsJob.redisSink(redis.url()));
        job = env.executeAsync("dashboard-browser-test");

        vertx = Vertx.vertx();
        users = TestUsers.file(work);
        startServer(0);
        signInForApiChecks();
        browser = startBrowser();
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_TRAFFIC));
        // A pushed update re-renders a table, so an element found a moment ago can go stale.
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        signInInTheBrowser();
        // Wait until the job has written the whole history (its latest month, with waits).
        long attended = pifuCounts(history, LATEST, "QWE")[1];
        wait.until(d -> redisHasDenominator(attended));
        // ... and the waiting lists, which follow the pathways through their own operator.
        wait.until(d -> waitingListShown());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (job != null) {
            job.cancel().get();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void overviewShowsEveryMetricsTileAndTheCore20Plus5PanelAsTheApiHasThem() throws Exception {
        open("/?icb=QWE");
        JsonNode overview = api("/api/overview?icb=QWE");
        assertThat(overview.path("period").asText()).isEqualTo(LATEST);
        Map<String, JsonNode> catalogue = catalogue();
        int checked = 0;
        for (JsonNode tile : overview.path("tiles")) {
            JsonNode value = tile.path("overall").path("value");
            if (!value.isNumber()) {
                continue;
            }
            String metric = tile.path("metric").asText();
            String expected = display(value.asDouble(), catalogue.get(metric).path("unit").asText());
            By shown = By.cssSelector("#tile-" + metric + " .tile-value .value");
            waitForText(shown, expected);
            checked++;
        }
        assertThat(checked).as("tiles with a value").isGreaterThanOrEqualTo(12);

        // The PIFU tile: Core20 against the rest, with the API's judgement in words.
        JsonNode pifu = tile(overview, "pifu_rate").path("core20");
        String core20 = textOf(By.cssSelector("#tile-pifu_rate [data-versus='core20']"));
        if (pifu.path("value").isNumber() && pifu.path("reference_value").isNumber()) {
            assertThat(core20).contains(display(pifu.path("value").asDouble(), "%"))
                    .contains(display(pifu.path("reference_value").asDouble(), "%"))
                    .contains(pifu.path("judgement").asText());
        } else {
            assertThat(core20).contains("suppressed");
        }
        assertThat(textOf(By.cssSelector("#tile-pifu_rate .spc-line"))).isNotBlank();

        // The Core20PLUS5 panel: every cell equals the API's.
        int cells = 0;
        for (JsonNode row : overview.path("core20plus5")) {
            for (JsonNode cell : row.path("cells")) {
                String metric = cell.path("metric").asText();
                String expected = cell.path("value").isNumber()
                        ? display(cell.path("value").asDouble(), catalogue.get(metric).path("unit").asText())
                        : cell.path("suppressed").asBoolean() ? "*" : "–";
                waitForText(By.cssSelector("#panel tr[data-row='" + row.path("id").asText() + "'] td[data-metric='"
                        + metric + "'] .value"), expected);
                cells++;
            }
        }
        assertThat(cells).isEqualTo(browser.findElements(By.cssSelector("#panel td[data-metric]")).size())
                .isEqualTo(overview.path("core20plus5").size() * Overview.PANEL_METRICS.size());
        assertThat(browser.findElement(By.id("export-pdf")).getAttribute("href"))
                .endsWith("/api/export/board-paper.pdf?icb=QWE&period=" + LATEST);
        assertNoSmallCountsInPage();
        assertEverythingCameFromTheServer();
        assertAccessible("overview");
        screenshots("overview");
    }

    @Test
    @Order(2)
    void theOutlookSaysWhereEachGroupIsHeadingAndTheGapInPatientsAsTheApiHasIt() throws Exception {
        open("/?icb=QOP");
        JsonNode outlook = tile(api("/api/overview?icb=QOP"), "pifu_rate").path("outlook");
        // The gap in patients, checked against a count of the month's lines: at the least deprived
        // fifth's rate, the most deprived fifth would have had d1 × n5 / d5 moved to PIFU, not n1.
        long[][] q = quintilePifu(history, LATEST, "QOP");
        double expected = q[1][1] * (double) q[5][0] / q[5][1] - q[1][0];
        assertThat(expected).as("the scenario leaves the most deprived behind").isGreaterThan(10);
        String gap = outlook.path("gap_in_patients").asText();
        assertThat(gap).startsWith("In " + fmtMonth(LATEST)).contains(", " + Math.round(expected / 5) * 5
                + " more patients in the most deprived 20% would have been moved or discharged to PIFU at the rate of "
                + "the least deprived 20% (95% CI ");
        waitForText(By.cssSelector("#tile-pifu_rate [data-outlook='gap']"), gap);
        // The trajectory flags the most deprived fifth, and the tile says so in the API's words.
        JsonNode flags = outlook.path("trajectory_flags");
        assertThat(flags.size()).isPositive();
        assertThat(flags.get(0).asText()).startsWith("For the most deprived 20% (Core20), the 5% target is ");
        // The flag mark is hidden from screen readers; the words are the API's.
        waitForText(By.cssSelector("#tile-pifu_rate [data-outlook='flag']"), "⚑ " + flags.get(0).asText());
        assertThat(textOf(By.cssSelector("#tile-pifu_rate [data-outlook='england']")))
                .isEqualTo(outlook.path("england").asText()).startsWith("In " );

        // The metric page: the same flags over the trajectory chart and table, and the benchmarks table.
        open("/metric.html?metric=pifu_rate&icb=QOP");
        JsonNode core20 = api("/api/trajectories?metric=pifu_rate&icb=QOP&by=core20");
        waitForText(By.cssSelector("#trajectory-core20-block li[data-flag='core20']"),
                "⚑ " + core20.path("flags").get(0).path("text").asText());
        for (JsonNode g : core20.path("groups")) {
            String reaches = switch (g.path("status").asText()) {
                case "REACHES" -> fmtMonth(g.path("reaches").asText());
                case "MEETING" -> "met now";
                case "NOT_ON_TREND" -> "not on current trend";
                case "SLIPPING" -> "met now, not on trend to stay";
                default -> "too few months";
            };
            waitForText(By.cssSelector("#trajectory-core20-table tr[data-group='" + g.path("group").asText()
                    + "'] td[data-col='reaches']"), reaches);
        }
        JsonNode benchmarks = api("/api/benchmarks?metric=pifu_rate&icb=QOP");
        JsonNode england = benchmarks.path("rows").get(1);
        assertThat(england.path("area").asText()).isEqualTo("England");
        if (england.path("difference").isNumber()) {
            waitForText(By.cssSelector("#benchmarks-table tr[data-area='England'] td[data-col='difference']"),
                    String.format(Locale.UK, "%s%.1f (", england.path("difference").asDouble() > 0 ? "+" : "",
                            england.path("difference").asDouble())
                            + String.format(Locale.UK, "%.1f to %.1f)", england.path("difference_lower").asDouble(),
                            england.path("difference_upper").asDouble()));
        }
        assertThat(textOf(By.id("benchmarks"))).contains(benchmarks.path("statements").get(0).asText());
        assertNoSmallCountsInPage();
        assertEverythingCameFromTheServer();
        assertAccessible("metric with outlook");
        screenshots("outlook");
    }

    /** "2027-03" → "March 2027". */
    private static String fmtMonth(String period) {
        java.time.YearMonth m = java.time.YearMonth.parse(period);
        return m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK) + " " + m.getYear();
    }

    /** An ICB's attended PIFU outcomes and attendances by IMD quintile ([q][0], [q][1]) in a month, from the lines. */
    private static long[][] quintilePifu(List<String> lines, String period, String icb) {
        org.core20monitor.core.reference.ImdLookup imd = org.core20monitor.core.reference.ImdLookup.load(ImdEdition.IMD2025);
        long[][] c = new long[6][2];
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            io.vertx.core.json.JsonObject r = new io.vertx.core.json.JsonObject(line);
            String month = Instant.parse(r.getString("event_time")).atZone(java.time.ZoneId.of("Europe/London"))
                    .toLocalDate().toString().substring(0, 7);
            Integer decile = r.getString("lsoa") == null ? null : imd.decile(r.getString("lsoa"));
            if (seen.add(r.getString("event_id")) && month.equals(period) && icb.equals(r.getString("icb"))
                    && decile != null && "ATTENDED".equals(r.getString("attendance"))) {
                int quintile = (decile + 1) / 2;
                c[quintile][1]++;
                c[quintile][0] += "PIFU".equals(r.getString("outcome")) ? 1 : 0;
            }
        }
        return c;
    }

    @Test
    @Order(3)
    void metricPageDrillDownAndFiltersShowTheApisNumbersAndCarryTheFiltersInTheUrl() throws Exception {
        open("/?icb=QWE");
        WebElement link = wait.until(d -> d.findElement(By.cssSelector("#tile-pifu_rate .tile-title a")));
        link.click();
        wait.until(d -> d.getCurrentUrl().contains("metric.html") && d.getCurrentUrl().contains("metric=pifu_rate"));
        assertThat(browser.getCurrentUrl()).contains("icb=QWE");

        for (String by : List.of("imd_quintile", "imd_decile", "ethnicity_group", "ethnicity", "age_band", "sex")) {
            assertTableEqualsApi("pifu_rate", by, "icb=QWE&period=" + LATEST);
        }
        // SII as the API has it, with its orientation stated
        JsonNode quintiles = api("/api/views?metric=pifu_rate&icb=QWE&period=" + LATEST + "&by=imd_quintile");
        JsonNode sii = quintiles.path("inequality").path("sii");
        if (sii.isNumber()) {
            waitForText(By.cssSelector("#sii-table td[data-col='sii']"), display(sii.asDouble(), "") + " percentage points");
            assertThat(textOf(By.id("sii-table"))).contains("least deprived minus most deprived");
        } else {
            assertThat(browser.findElement(By.id("sii-block")).isDisplayed()).as("no SII to show").isFalse();
        }
        // The XmR table has one row per month of the series, with the API's values
        JsonNode series = api("/api/series?metric=pifu_rate&icb=QWE&by=imd_quintile");
        JsonNode points = series.path("overall").path("points");
        wait.until(d -> d.findElements(By.cssSelector("#xmr-overall-table tbody tr")).size() == points.size());
        for (int i = 0; i < points.size(); i++) {
            String period = series.path("views").get(i).path("period").asText();
            String expected = points.get(i).path("value").isNumber() ? display(points.get(i).path("value").asDouble(), "")
                    : "*";
            waitForText(By.cssSelector("#xmr-overall-table tr[data-period='" + period + "'] td[data-col='value']"),
                    expected);
        }
        assertThat(textOf(By.id("summary-imd_quintile"))).contains("most deprived 20%");
        assertNoSmallCountsInPage();
        assertEverythingCameFromTheServer();
        assertAccessible("metric");
        screenshots("metric");

        // Drill down to a provider: the URL carries it and the numbers are the provider's.
        Select drill = new Select(browser.findElement(By.id("drill-select")));
        String provider = drill.getOptions().stream().map(o -> o.getAttribute("value"))
                .filter(v -> v.startsWith("provider:")).findFirst().orElseThrow().substring("provider:".length());
        drill.selectByValue("provider:" + provider);
        wait.until(d -> d.getCurrentUrl().contains("provider=" + provider));
        assertTableEqualsApi("pifu_rate", "imd_quintile", "icb=QWE&provider=" + provider + "&period=" + LATEST);
        assertTableEqualsApi("pifu_rate", "ethnicity_group", "icb=QWE&provider=" + provider + "&period=" + LATEST);

        // An earlier month and a clinical area
        new Select(browser.findElement(By.id("period-select"))).selectByValue("2026-02");
        wait.until(d -> d.getCurrentUrl().contains("period=2026-02"));
        assertTableEqualsApi("pifu_rate", "imd_quintile", "icb=QWE&provider=" + provider + "&period=2026-02");
        Select area = new Select(browser.findElement(By.id("drill-select")));
        String areaValue = area.getOptions().stream().map(o -> o.getAttribute("value"))
                .filter(v -> v.startsWith("area:")).findFirst().orElseThrow();
        area.selectByValue(areaValue);
        String areaId = areaValue.substring("area:".length());
        wait.until(d -> d.getCurrentUrl().contains("area=" + areaId));
        assertTableEqualsApi("pifu_rate", "age_band", "icb=QWE&area=" + areaId + "&period=2026-02");
        screenshots("drill-down");

        // Another metric through the selector; a bookmarked URL opens the same view.
        new Select(browser.findElement(By.id("metric-select"))).selectByValue("dna_rate");
        wait.until(d -> d.getCurrentUrl().contains("metric=dna_rate"));
        String bookmark = browser.getCurrentUrl();
        assertTableEqualsApi("dna_rate", "imd_quintile", "icb=QWE&area=" + areaId + "&period=2026-02");
        browser.get(bookmark);
        assertTableEqualsApi("dna_rate", "imd_quintile", "icb=QWE&area=" + areaId + "&period=2026-02");
        assertThat(new Select(browser.findElement(By.id("metric-select"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("dna_rate");
        assertThat(new Select(browser.findElement(By.id("drill-select"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(areaValue);
        assertNoSmallCountsInPage();
    }

    @Test
    @Order(4)
    void aProgrammeLeadRegistersAServiceChangeAndSeesItsMonitoring() throws Exception {
        open("/ehia.html");
        WebElement name = browser.findElement(By.id("f-name"));
        // A first try without dates: every problem is listed and nothing is stored.
        name.sendKeys("PIFU roll-out in QWE");
        browser.findElement(By.cssSelector("#register button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("form-errors")).isDisplayed());
        assertThat(textOf(By.id("form-errors"))).contains("There is a problem").contains("go_live")
                .contains("baseline_from").contains("baseline_to");
        assertThat(redis.commands().hlen(RedisKeys.EHIA_CHANGES)).isZero();
        assertAccessible("service changes (with errors)");

        new Select(browser.findElement(By.id("f-icb"))).selectByValue("QWE");
        setValue("f-go-live", "2026-03-01");
        setValue("f-from", "2026-01");
        setValue("f-to", "2026-02");
        browser.findElement(By.cssSelector("#register button[type='submit']")).click();
        wait.until(d -> d.getCurrentUrl().contains("change=chg-"));
        String id = browser.getCurrentUrl().replaceAll(".*change=", "");
        wait.until(d -> d.findElement(By.id("detail")).isDisplayed());
        assertThat(textOf(By.id("detail-heading"))).isEqualTo("PIFU roll-out in QWE");
        JsonNode monitoring = api("/api/ehia/changes/" + id + "/monitoring");
        JsonNode q5 = null;
        for (JsonNode g : monitoring.path("metrics").get(0).path("groups")) {
            if (g.path("breakdown").asText().equals("imd_quintile") && g.path("group").asText().equals("5")) {
                q5 = g;
            }
        }
        assertThat(q5).isNotNull();
        JsonNode before = q5.path("before");
        String expected = before.path("value").isNumber() ? display(before.path("value").asDouble(), "%") : "*";
        assertThat(textOf(By.cssSelector("#detail tr[data-group='imd_quintile:5'] td[data-col='before']")))
                .startsWith(expected);
        assertThat(textOf(By.cssSelector("tr[data-change='" + id + "'] td[data-col='alerts']"))).isIn("None", "⚠ "
                + monitoring.path("alerts").size());
        assertNoSmallCountsInPage();
        assertAccessible("service changes");
        screenshots("service-changes");

        // Edit it through the form: the change keeps its id and the page shows the new name.
        browser.findElement(By.id("edit-change")).click();
        wait.until(d -> d.findElement(By.id("f-name")).getAttribute("value").equals("PIFU roll-out in QWE"));
        WebElement rename = browser.findElement(By.id("f-name"));
        rename.clear();
        rename.sendKeys("PIFU roll-out in QWE, phase 1");
        browser.findElement(By.cssSelector("#register button[type='submit']")).click();
        waitForText(By.id("detail-heading"), "PIFU roll-out in QWE, phase 1");
        assertThat(api("/api/ehia/changes/" + id).path("name").asText()).isEqualTo("PIFU roll-out in QWE, phase 1");
        assertThat(redis.commands().hlen(RedisKeys.EHIA_CHANGES)).isEqualTo(1);
    }

    private void setValue(String id, String value) {
        browser.executeScript("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('change', { bubbles: true }));", id, value);
    }

    @Test
    @Order(5)
    void aLiveUpdateChangesTheNumbersInPlaceAndAStoppedServerShowsTheStaleBannerUntilItReconnects() throws Exception {
        open("/metric.html?metric=pifu_rate&icb=QWE");
        By overall = By.cssSelector("#table-imd_quintile td[data-group='overall'][data-col='value']");
        long[] before = pifuCounts(history, LATEST, "QWE");
        waitForText(overall, oneDecimal(before));
        wait.until(d -> d.findElement(By.id("connection-status")).getText().equals("Live"));
        browser.executeScript("document.getElementById('last-update').textContent = ''");

        // 400 attendances in April, all moved to PIFU, arrive: the page changes without a reload.
        List<String> arrivals = pifuAttendances("live", 400);
        Files.write(inbox.resolve("002-arrivals.jsonl"), arrivals, StandardCharsets.UTF_8);
        long[] after = {before[0] + 400, before[1] + 400};
        waitForText(overall, oneDecimal(after));
        assertThat(textOf(By.id("last-update"))).startsWith("Updated");
        assertThat((String) browser.executeScript("return location.pathname")).isEqualTo("/metric.html");

        // The server stops: the banner says so.
        vertx.undeploy(serverDeployment).await();
        By banner = By.id("stale-banner");
        wait.until(d -> d.findElement(banner).isDisplayed());
        assertThat(textOf(banner)).contains("Live updates interrupted");
        screenshots("stale");

        // While it is down, more events arrive; when it is back, the page reconnects and shows them.
        Files.write(inbox.resolve("003-while-down.jsonl"), pifuAttendances("down", 200), StandardCharsets.UTF_8);
        long[] later = {after[0] + 200, after[1] + 200};
        wait.until(d -> redisHasDenominator(later[1]));
        startServer(port);
        wait.until(d -> !d.findElement(banner).isDisplayed());
        waitForText(overall, oneDecimal(later));
        assertThat(textOf(By.id("connection-status"))).isEqualTo("Live");
        assertNoSmallCountsInPage();
        shown = later;
    }

    @Test
    @Order(6)
    void aRedisOutageMarksTheDataDelayedAndThePageCatchesUpWhenRedisReturns() throws Exception {
        open("/metric.html?metric=pifu_rate&icb=QWE");
        By overall = By.cssSelector("#table-imd_quintile td[data-group='overall'][data-col='value']");
        waitForText(overall, oneDecimal(shown));
        By delayed = By.id("delayed-banner");
        assertThat(browser.findElements(delayed)).allSatisfy(b -> assertThat(b.isDisplayed()).isFalse());

        // Redis goes away: the server reports not ready, the open page says the data is delayed.
        Instant stopped = Instant.now();
        redis.stop();
        wait.until(d -> readyStatus() == 503);
        wait.until(d -> d.findElement(delayed).isDisplayed());
        assertThat(textOf(delayed)).contains("Data delayed").contains("unable to reach the figures store");
        assertThat(textOf(By.id("connection-status"))).as("the page is still connected to the server").isEqualTo("Live");
        screenshots("delayed");

        // Events keep arriving while it is away, for at least 30 seconds.
        Files.write(inbox.resolve("004-during-outage.jsonl"), pifuAttendances("outage", 300), StandardCharsets.UTF_8);
        long left = 30_000 - java.time.Duration.between(stopped, Instant.now()).toMillis();
        if (left > 0) {
            Thread.sleep(left); // the outage lasts this long; nothing is timed
        }
        assertThat(textOf(overall)).as("the figures stay as they were").isEqualTo(oneDecimal(shown));
        assertThat(readyStatus()).isEqualTo(503);

        // Redis is back: ready again, the banner goes, and the page shows what arrived meanwhile.
        redis.restart();
        wait.until(d -> readyStatus() == 200);
        wait.until(d -> !d.findElement(delayed).isDisplayed());
        long[] caughtUp = {shown[0] + 300, shown[1] + 300};
        waitForText(overall, oneDecimal(caughtUp));
        assertThat(redisHasDenominator(caughtUp[1])).as("what the job wrote after the outage").isTrue();
        assertThat(job.getJobStatus().get()).as("the job rode out the outage").isEqualTo(
                org.apache.flink.api.common.JobStatus.RUNNING);
        assertThat(textOf(By.id("connection-status"))).isEqualTo("Live");
        assertNoSmallCountsInPage();
    }

    private int readyStatus() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- checks

    /** Every row of a breakdown's table shows the API's numerator, denominator, value and interval. */
    private void assertTableEqualsApi(String metric, String by, String scopeAndPeriod) throws Exception {
        JsonNode view = api("/api/views?metric=" + metric + "&by=" + by + "&" + scopeAndPeriod);
        String unit = catalogue().get(metric).path("unit").asText();
        List<JsonNode> rows = new ArrayList<>();
        view.path("groups").forEach(rows::add);
        rows.add(view.path("overall"));
        String table = "#table-" + by;
        // First wait until the page shows this view (its caption names the month).
        wait.until(d -> d.findElements(By.cssSelector(table + " td[data-group='overall'][data-col='value']")).stream()
                .anyMatch(e -> e.getText().equals(cellText(view.path("overall"), "value", unit))));
        for (JsonNode g : rows) {
            String key = g.path("group").isNull() ? "overall" : g.path("group").asText();
            for (String col : List.of("numerator", "denominator", "value")) {
                String expected = cellText(g, col, unit);
                By cell = By.cssSelector(table + " td[data-group='" + key + "'][data-col='" + col + "']");
                waitForText(cell, expected);
            }
        }
    }

    /** An element's text, read again if a pushed update re-rendered it meanwhile. */
    private String textOf(By where) {
        return wait.until(d -> d.findElement(where).getText());
    }

    private void waitForText(By where, String expected) {
        try {
            wait.until(d -> d.findElement(where).getText().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = browser.findElements(where);
            try {
                Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("failure.png"),
                        browser.getScreenshotAs(OutputType.BYTES));
                Files.writeString(Path.of("target", "screenshots", "failure.html"), browser.getPageSource());
            } catch (Exception ignored) {
                // the assertion below says what went wrong
            }
            throw new AssertionError("expected '" + expected + "' at " + where + " but the page shows "
                    + (found.isEmpty() ? "nothing" : "'" + found.get(0).getText() + "'") + " (" + browser.getCurrentUrl() + ")", e);
        }
    }

    /** What the table shows for a field: the number at its published precision, "*" or "–". */
    private static String cellText(JsonNode g, String col, String unit) {
        JsonNode v = g.path(col);
        if (v.isNumber()) {
            return col.equals("value") ? display(v.asDouble(), unit.equals("%") || unit.equals("weeks")
                    || unit.equals("per 100") ? "" : unit) : String.format(Locale.UK, "%,d", v.asLong());
        }
        boolean empty = !g.path("suppressed").asBoolean();
        return empty ? "–" : "*";
    }

    /**
     * No count of 1–7 and no unrounded count anywhere: in the page (every element showing a count) and
     * in what it received (every JSON body and pushed event).
     */
    @SuppressWarnings("unchecked")
    private void assertNoSmallCountsInPage() throws Exception {
        // Read in one go: the page re-renders as pushes arrive.
        List<String> counts = (List<String>) browser.executeScript("return [...document.querySelectorAll("
                + "\"td[data-col='numerator'], td[data-col='denominator'], .count, td[data-col='count']\")]"
                + ".map((e) => e.textContent.trim() + ' @ ' + (e.id || e.dataset.group || '') + ' ' + (e.dataset.col || ''))");
        // (a page may show no count at all: the service-change page shows values only)
        for (String shown : counts) {
            String text = shown.substring(0, shown.indexOf(" @ "));
            if (text.equals("*") || text.equals("–") || text.isEmpty()) {
                continue;
            }
            assertSafe(Long.parseLong(text.replace(",", "")), "shown: " + shown);
        }
        List<Map<String, Object>> traffic = (List<Map<String, Object>>) browser.executeScript("return window.__traffic");
        assertThat(traffic).isNotEmpty();
        int bodies = 0;
        for (Map<String, Object> t : traffic) {
            String body = (String) t.get("body");
            if (body == null || !(body.startsWith("{") || body.startsWith("["))) {
                continue;
            }
            scan(JSON.readTree(body), null, String.valueOf(t.get("url")));
            bodies++;
        }
        assertThat(bodies).isPositive();
    }

    private static final Set<String> COUNT_FIELDS = Set.of("numerator", "denominator", "accepted", "duplicate",
            "rejected", "imd_unknown", "lsoa_unmapped", "ethnicity_unknown", "late");

    private void scan(JsonNode node, String field, String where) {
        if (node.isObject()) {
            boolean countView = "waiting_list".equals(node.path("metric").asText());
            boolean reasons = "rejected_by_reason".equals(field);
            node.fields().forEachRemaining(e -> {
                if (reasons) {
                    scan(e.getValue(), "reason:" + e.getKey(), where);
                    return;
                }
                if (countView && e.getKey().equals("overall") || countView && e.getKey().equals("groups")) {
                    scanCountValues(e.getValue(), where);
                }
                scan(e.getValue(), e.getKey(), where);
            });
        } else if (node.isArray()) {
            node.forEach(n -> scan(n, field, where));
        } else if (node.isIntegralNumber() && field != null
                && (COUNT_FIELDS.contains(field) || field.startsWith("reason:"))) {
            assertSafe(node.asLong(), field + " in " + where);
        }
    }

    /** A waiting-list view's values are counts too. */
    private void scanCountValues(JsonNode node, String where) {
        if (node.isArray()) {
            node.forEach(n -> scanCountValues(n, where));
            return;
        }
        if (node.path("value").isNumber()) {
            assertSafe(Math.round(node.path("value").asDouble()), "waiting list in " + where);
        }
        for (String limit : List.of("lower", "upper")) {
            if (node.path(limit).isNumber()) {
                assertThat(Math.round(node.path(limit).asDouble()) % 5).as("waiting list " + limit + " in " + where).isZero();
            }
        }
    }

    private static void assertSafe(long n, String what) {
        assertThat(n == 0 || (n >= 10 && n % 5 == 0)).as("count %d (%s) must be 0 or rounded to 5 and at least 10",
                n, what).isTrue();
    }

    /** Every resource the page loaded (scripts, styles, fonts, data) came from the server itself. */
    @SuppressWarnings("unchecked")
    private void assertEverythingCameFromTheServer() {
        List<String> resources = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map((e) => e.name)");
        String origin = "http://127.0.0.1:" + port + "/";
        assertThat(resources).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith(origin));
    }

    /** axe-core in the page: no violation at all of its WCAG 2.x A/AA and best-practice rules. */
    private void assertAccessible(String page) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(browser);
        List<String> bad = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            bad.add(rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                    + rule.getNodes().stream().limit(3).map(n -> n.getTarget().toString()).toList());
        }
        assertThat(bad).as("axe-core on the " + page + " page").isEmpty();
        assertThat(results.getPasses()).as("axe-core ran its rules").isNotEmpty();
    }

    // ---------------------------------------------------------------- plumbing

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
        wait.until(d -> "Live".equals(d.findElement(By.id("connection-status")).getText()));
    }

    /** Signs in on the sign-in page as a person would: the session cookie then serves every page. */
    private void signInInTheBrowser() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/?icb=QWE");
        wait.until(d -> d.getCurrentUrl().contains("/login.html?next="));
        assertAccessible("sign-in");
        screenshots("sign-in");
        // A programme lead for every ICB: the tests register a service change as well as read figures.
        browser.findElement(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.findElement(By.id("login-error")).getText().contains("wrong username or password"));
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/?icb=QWE"));
        wait.until(d -> d.findElement(By.id("signed-in")).getText().contains("Signed in as " + TestUsers.ADMIN));
    }

    /** The test's own HTTP client signs in through the API, keeping the cookies like a browser. */
    private void signInForApiChecks() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.html")).build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = ((java.net.CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse("");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + TestUsers.ANALYST + "\",\"password\":\""
                        + TestUsers.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("sign-in: " + res.body()).isEqualTo(200);
    }

    private void startServer(int onPort) {
        DashboardServer server = new DashboardServer(new ServerConfig("127.0.0.1", onPort, redis.url(), 1_000, null, users));
        serverDeployment = vertx.deployVerticle(server).await();
        port = server.actualPort();
    }

    private JsonNode api(String path) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? JSON.readTree(res.body()) : JSON.createObjectNode();
        } catch (Exception e) {
            return null;
        }
    }

    private Map<String, JsonNode> catalogue() {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        api("/api/catalogue").path("metrics").forEach(m -> byId.put(m.path("id").asText(), m));
        return byId;
    }

    private static JsonNode tile(JsonNode overview, String metric) {
        for (JsonNode t : overview.path("tiles")) {
            if (t.path("metric").asText().equals(metric)) {
                return t;
            }
        }
        throw new AssertionError("no tile for " + metric);
    }

    private boolean waitingListShown() {
        JsonNode view = api("/api/views?metric=waiting_list&icb=QWE&period=" + LATEST);
        return view != null && view.path("overall").path("value").isNumber();
    }

    /** Whether the job has written QWE's latest month with this many attendances (read from Redis itself). */
    private boolean redisHasDenominator(long attended) {
        String cell = redis.commands().get(RedisKeys.cell(LATEST, Scope.icb("QWE")));
        return cell != null && pifuDenominatorOf(cell) == attended;
    }

    /** The overall PIFU denominator (attended) stored in a cell snapshot, read with the core's own view builder. */
    private static long pifuDenominatorOf(String cellJson) {
        try {
            CellSnapshot cell = ViewJson.mapper().readValue(cellJson, CellSnapshot.class);
            View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, LATEST, cell.scope(), ViewBuilder.Cells.only(cell));
            return v.overall().denominator();
        } catch (Exception e) {
            return -1;
        }
    }

    private ChromeDriver startBrowser() {
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM);
        chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + DESKTOP + ",1000", "--user-data-dir=" + work.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, chrome);
    }

    /** The whole page at desktop and phone widths, after the charts have settled. */
    private void screenshots(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        for (int width : new int[] {DESKTOP, PHONE}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            Thread.sleep(600);
            long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
            browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 40, 14_000)));
            Thread.sleep(900);
            Files.write(dir.resolve(name + "-" + (width == DESKTOP ? "desktop" : "phone") + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
        }
        browser.manage().window().setSize(new Dimension(DESKTOP, 1000));
    }

    // ---------------------------------------------------------------- data

    private List<String> pifuAttendances(String prefix, int n) {
        String template = history.stream().filter(l -> l.contains("\"icb\":\"QWE\"")).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(template.replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"" + prefix + "-" + i + "\"")
                    .replaceFirst("\"event_type\":\"[A-Z_]+\"", "\"event_type\":\"ATTENDANCE\"")
                    .replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"2026-04-20T10:00:00Z\"")
                    .replaceFirst(",\"pathway_id\":\"[^\"]+\"", "")
                    .replaceFirst(",\"(appointment|attendance|medium|outcome)\":\"[A-Z_]+\"", "")
                    .replaceFirst(",\"(appointment|attendance|medium|outcome)\":\"[A-Z_]+\"", "")
                    .replaceFirst(",\"(appointment|attendance|medium|outcome)\":\"[A-Z_]+\"", "")
                    .replaceFirst(",\"(appointment|attendance|medium|outcome)\":\"[A-Z_]+\"", "")
                    .replaceFirst("}$", ",\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\","
                            + "\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}"));
        }
        return lines;
    }

    /** An ICB's PIFU numerator and denominator for a month, counted straight from the lines. */
    private static long[] pifuCounts(List<String> lines, String period, String icb) {
        long[] c = new long[2];
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            io.vertx.core.json.JsonObject r = new io.vertx.core.json.JsonObject(line);
            String month = Instant.parse(r.getString("event_time")).atZone(java.time.ZoneId.of("Europe/London"))
                    .toLocalDate().toString().substring(0, 7);
            if (seen.add(r.getString("event_id")) && month.equals(period) && icb.equals(r.getString("icb"))
                    && "ATTENDANCE".equals(r.getString("event_type")) && "ATTENDED".equals(r.getString("attendance"))) {
                c[1]++;
                c[0] += "PIFU".equals(r.getString("outcome")) ? 1 : 0;
            }
        }
        return c;
    }

    private static String oneDecimal(long[] counts) {
        return String.format(Locale.UK, "%.1f", 100.0 * counts[0] / counts[1]);
    }

    /** A value as the page shows it: 1 dp with its unit, 2 dp for a ratio, whole for a count. */
    private static String display(double v, String unit) {
        return switch (unit) {
            case "%" -> String.format(Locale.UK, "%,.1f%%", v);
            case "ratio" -> String.format(Locale.UK, "%,.2f", v);
            case "count" -> String.format(Locale.UK, "%,d", Math.round(v));
            case "" -> String.format(Locale.UK, "%,.1f", v);
            default -> String.format(Locale.UK, "%,.1f %s", v, unit);
        };
    }

    private static List<String> history() {
        // A year, so the trajectories have their 12 months, in which PIFU reaches the most deprived fifth slowly;
        // it ends before midnight in London, so that April is the latest month.
        GeneratorConfig config = new GeneratorConfig(11, List.of("QWE", "QOP"), ImdEdition.IMD2025,
                Instant.parse("2025-05-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-04-30T20:00:00Z").toEpochMilli(),
                1500, 0, 0, 3, false, GeneratorConfig.Scenario.FLAT_CORE20_PIFU);
        return SyntheticEventGenerator.history(config);
    }
}
