package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.flink.JobOptions;
import org.core20monitor.flink.OutpatientMetricsJob;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless Chromium: the Flink job watches a directory and writes to a real
 * Redis, the server serves the dashboard, and when a new file of events lands the number on the
 * page changes without a reload. Needs Debian's chromium and chromium-driver (.ci/run installs them).
 */
class DashboardBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    Path inbox;

    private TestRedis redis;
    private JobClient job;
    private Vertx vertx;
    private ChromeDriver browser;

    @BeforeEach
    void checkBrowserIsInstalled() {
        assertThat(new File(CHROMIUM).canExecute()).as("Chromium is needed: apt-get install -y chromium chromium-driver").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("ChromeDriver is needed: apt-get install -y chromium-driver").isTrue();
    }

    @AfterEach
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
    void dashboardShowsTheJobsNumbersAndUpdatesLiveWhenEventsArrive() throws Exception {
        redis = TestRedis.start();
        List<String> history = history();
        Files.write(inbox.resolve("001-history.jsonl"), history, StandardCharsets.UTF_8);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000);
        JobOptions options = JobOptions.from(new String[] {"--source", "files", "--input", inbox.toString(),
                "--watch", "500", "--redis", redis.url(), "--emit-interval", "200"}, Map.of());
        OutpatientMetricsJob metrics = new OutpatientMetricsJob(options);
        metrics.toRedis(metrics.build(metrics.source(env)), OutpatientMetricsJob.redisSink(redis.url()));
        job = env.executeAsync("dashboard-browser-test");

        vertx = Vertx.vertx();
        DashboardServer server = new DashboardServer(new ServerConfig("127.0.0.1", 0, redis.url(), 5_000));
        vertx.deployVerticle(server).await();

        browser = startBrowser();
        browser.get("http://127.0.0.1:" + server.actualPort() + "/");
        // The page re-renders a table when a push arrives, so an element found a moment ago can go stale.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);

        // The page picks the latest period and England; the overall PIFU rate is the job's figure.
        By overall = By.cssSelector("#table-pifu_rate td[data-group='overall'][data-col='value']");
        wait.until(d -> d.findElements(overall).stream().anyMatch(e -> e.getText().matches("\\d+\\.\\d")));
        long[] before = pifuCounts(history, "2026-04");
        String expectedBefore = oneDecimal(before);
        wait.until(d -> d.findElement(overall).getText().equals(expectedBefore));
        assertThat(browser.findElement(By.cssSelector("#chart-pifu_rate")).isDisplayed()).isTrue();
        By q1 = By.cssSelector("#table-pifu_rate td[data-group='1'][data-col='value']");
        wait.until(d -> d.findElement(q1).getText().matches("\\d+\\.\\d|\\*"));
        wait.until(d -> d.findElement(By.id("quality-rejected")).getText().equals("0"));
        screenshot("dashboard-before.png");

        // New events land: 400 attendances in April, all moved to PIFU.
        List<String> arrivals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            arrivals.add(history.get(0).replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"late-" + i + "\"")
                    .replaceFirst("\"event_type\":\"[A-Z_]+\"", "\"event_type\":\"ATTENDANCE\"")
                    .replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"2026-04-20T10:00:00Z\"")
                    .replaceFirst(",\"pathway_id\":\"[^\"]+\"", "")
                    .replaceFirst("}$", ",\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\","
                            + "\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}"));
        }
        // ... and 12 malformed lines, which the data-quality panel counts (rounded to the nearest 5).
        for (int i = 0; i < 12; i++) {
            arrivals.add(i % 2 == 0 ? "{\"event_id\":\"broken-" + i + "\"," : arrivals.get(i).replaceFirst(",\"icb\":\"[A-Z0-9]+\"", ""));
        }
        Files.write(inbox.resolve("002-arrivals.jsonl"), arrivals, StandardCharsets.UTF_8);
        long[] after = {before[0] + 400, before[1] + 400};

        String expected = oneDecimal(after);
        assertThat(expected).isNotEqualTo(oneDecimal(before));
        wait.until(d -> d.findElement(overall).getText().equals(expected));
        wait.until(d -> !d.findElement(By.id("last-update")).getText().isBlank());
        wait.until(d -> d.findElement(By.id("quality-rejected")).getText().equals("10"));
        screenshot("dashboard-after.png");
    }

    private ChromeDriver startBrowser() {
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM);
        chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,2400",
                "--user-data-dir=" + inbox.getParent().resolve("chromium-" + System.nanoTime()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, chrome);
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** England's PIFU numerator and denominator for a month, counted straight from the lines. */
    private static long[] pifuCounts(List<String> lines, String period) {
        long[] c = new long[2];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : lines) {
            io.vertx.core.json.JsonObject r = new io.vertx.core.json.JsonObject(line);
            String month = Instant.parse(r.getString("event_time")).atZone(java.time.ZoneId.of("Europe/London"))
                    .toLocalDate().toString().substring(0, 7);
            if (seen.add(r.getString("event_id")) && month.equals(period) && "ATTENDANCE".equals(r.getString("event_type"))
                    && "ATTENDED".equals(r.getString("attendance"))) {
                c[1]++;
                c[0] += "PIFU".equals(r.getString("outcome")) ? 1 : 0;
            }
        }
        return c;
    }

    private static String oneDecimal(long[] counts) {
        return String.format(java.util.Locale.UK, "%.1f", 100.0 * counts[0] / counts[1]);
    }

    private static List<String> history() {
        GeneratorConfig config = new GeneratorConfig(11, List.of("QWE", "QOP"), ImdEdition.IMD2025,
                Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-05-01T00:00:00Z").toEpochMilli(),
                200, 0, 0);
        return SyntheticEventGenerator.history(config);
    }
}
