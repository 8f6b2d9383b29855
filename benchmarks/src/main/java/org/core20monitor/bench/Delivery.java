package org.core20monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.testing.TestRedis;

/**
 * How fast a change reaches the people watching, and what watching costs the server, measured in one
 * run of the real processes: Redis, the server ({@code core20-web.jar serve}) and the job
 * ({@code core20-flink-jobs.jar}, watching a directory), each in a process of its own.
 *
 * <ol>
 *   <li><b>Exports</b>: the board paper (PDF) and its workbook (XLSX) for one ICB over a year of
 *   generated data, computed by the job into Redis first; median and slowest of several requests.</li>
 *   <li><b>Latency</b>: under a steady load of generated events written into the watched directory,
 *   "probe" files of ten attendances for a provider no other event names are written one by one; a
 *   signed-in client streams that provider's view and notes when the count that includes each probe
 *   arrives. The time from the file appearing to the push arriving, p50/p95/p99.</li>
 *   <li><b>Fan-out</b>: the same with {@code clients} streams open at once, half on the same view and
 *   half spread over 18 different views (metrics × breakdowns) of the probe's scope; the end-to-end
 *   latency and the delivery delay from the job's write announcement in Redis to each client, and the
 *   server's heap per idle stream (heap after a full collection, before and after the streams open).</li>
 * </ol>
 */
final class Delivery {

    static final String START = "<!-- delivery:start -->";
    static final String END = "<!-- delivery:end -->";
    private static final String PROBE_PROVIDER = "ZZP01";
    private static final String PASSWORD = "steady-probes-and-many-streams-2026";
    private static final List<String> METRICS = List.of("pifu_rate", "discharge_rate", "remote_share");
    private static final List<String> BREAKDOWNS = List.of("none", "imd_quintile", "ethnicity_group", "age_band", "sex",
            "core20");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final Path work;
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final AtomicLong eventIds = new AtomicLong();

    private Delivery(Map<String, String> options, Path work) {
        this.options = options;
        this.work = work;
    }

    static void run(Map<String, String> options) throws Exception {
        Path data = Files.createDirectories(Path.of(options.getOrDefault("data", "target/bench-data")).toAbsolutePath());
        Path work = Files.createTempDirectory(data, "delivery");
        new Delivery(options, work).measure();
    }

    private void measure() throws Exception {
        Path webJar = Path.of(options.getOrDefault("web-jar", "web/target/core20-web.jar"));
        Path jobJar = Path.of(options.getOrDefault("job-jar", "flink-jobs/target/core20-flink-jobs.jar"));
        Path flinkLib = Path.of(options.getOrDefault("flink-lib", "flink-jobs/target/flink-lib"));
        Path out = Path.of(options.getOrDefault("out", "docs/BENCHMARKS.md"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "1000"));
        int probes = Integer.parseInt(options.getOrDefault("probes", "30"));
        int load = Integer.parseInt(options.getOrDefault("load", "500"));
        long probeGap = Long.parseLong(options.getOrDefault("probe-interval", "1500"));
        String watch = options.getOrDefault("watch", "100");
        String emit = options.getOrDefault("emit-interval", "250");
        Path yearFile = Path.of(options.getOrDefault("export-data", "target/bench-data/events-200000.jsonl"));

        StringBuilder report = new StringBuilder();
        try (TestRedis redis = TestRedis.start()) {
            // A year of data for the exports, computed by the job as in use.
            Files.createDirectories(yearFile.toAbsolutePath().getParent());
            if (!Files.exists(yearFile)) {
                Benchmarks.generate(yearFile, 200_000);
            }
            MeasuredProcess.Result year = MeasuredProcess.run(Benchmarks.jobCommand(javaBin, flinkLib, jobJar, yearFile,
                    redis.url(), work.resolve("year-checkpoints")), work.resolve("year-job.log"));
            if (year.exitCode() != 0) {
                throw new IllegalStateException("the job over the year's file failed:\n" + year.output());
            }

            Path users = work.resolve("users.json");
            String oneTime = addUser(webJar, users);
            int port = freePort();
            Process server = start(List.of(javaBin, "-jar", webJar.toString(), "serve"), Map.of(
                    "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(port), "REDIS_URL", redis.url(),
                    "USERS_FILE", users.toString(), "COOKIE_SECURE", "false", "SSE_HEARTBEAT_MS", "15000",
                    "LOGIN_MAX_FAILURES", "1000"), work.resolve("server.log"));
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            Process job = null;
            try {
                Web web = new Web(port);
                web.awaitHealthy();
                web.signIn("bench", oneTime);
                web.changePassword(oneTime, PASSWORD);
                String icb = "QWE";
                report.append(exports(web, icb, yearFile));

                job = start(Benchmarks.jobCommand(javaBin, flinkLib, jobJar, inbox, redis.url(),
                        work.resolve("live-checkpoints"), "--watch", watch, "--emit-interval", emit), Map.of(),
                        work.resolve("live-job.log"));
                Announcements announcements = new Announcements(redis.url());
                LoadWriter loadWriter = new LoadWriter(inbox, load);
                loadWriter.start();
                try {
                    // Warm-up: the first probe creates the probe scope's cells; wait until the job writes them.
                    long firstProbe = writeProbe(inbox);
                    announcements.awaitAfter(firstProbe, Duration.ofMinutes(3));
                    int baseline = 10;

                    List<Stream> one = web.open(1, view(0), baseline);
                    Phase latency = probe(inbox, one, announcements, probes, probeGap, baseline);
                    closeAll(one);
                    baseline += 10 * probes;

                    long heapBefore = heapAfterGc(server.pid());
                    List<Stream> many = new ArrayList<>(web.open(clients / 2, view(0), baseline));
                    for (int i = 0; i < clients - clients / 2; i++) {
                        many.addAll(web.open(1, view(i % (METRICS.size() * BREAKDOWNS.size())), baseline));
                    }
                    long heapAfter = heapAfterGc(server.pid());
                    Phase fanOut = probe(inbox, many, announcements, probes, probeGap, baseline);
                    closeAll(many);
                    report.append(liveSection(latency, fanOut, clients, load, probes, probeGap, watch, emit,
                            (heapAfter - heapBefore) / (double) clients));
                } finally {
                    loadWriter.stop();
                    announcements.close();
                }
            } finally {
                if (job != null) {
                    job.destroy();
                    job.waitFor(30, TimeUnit.SECONDS);
                }
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Benchmarks.replaceSection(out, START, END, header(clients) + report + END + "\n");
        System.out.println("written to " + out);
    }

    private String header(int clients) throws IOException {
        return START + "\n" + Benchmarks.machine() + "\n\nCommand: `mvn -q -DskipTests package && java -jar "
                + "benchmarks/target/core20-benchmarks.jar delivery --clients " + clients + "`\n\n";
    }

    // ------------------------------------------------------------------ exports

    private String exports(Web web, String icb, Path yearFile) throws Exception {
        StringBuilder s = new StringBuilder("### Exports\n\nA year of one ICB (" + icb + ", from `" + yearFile.getFileName()
                + "` computed by the job into Redis): 2 requests to warm up, then 7 timed, one at a time. The first "
                + "request is the first the server answered after the job wrote the year: the PDF's is cold (a new JVM, "
                + "every interval computed afresh); the other formats' find the inequality intervals already computed, "
                + "as they are once anyone has looked at the ICB's figures.\n\n"
                + "| export | first request | median | slowest | size |\n|---|---:|---:|---:|---:|\n");
        for (String format : List.of("pdf", "xlsx", "csv")) {
            String uri = "/api/export/board-paper." + format + "?icb=" + icb;
            long[] millis = new long[7];
            long first = 0;
            long size = 0;
            for (int i = -2; i < millis.length; i++) {
                long started = System.nanoTime();
                HttpResponse<byte[]> r = web.get(uri);
                long took = (System.nanoTime() - started) / 1_000_000;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered " + r.statusCode() + ": "
                            + new String(r.body(), StandardCharsets.UTF_8));
                }
                size = r.body().length;
                if (i == -2) {
                    first = took;
                }
                if (i >= 0) {
                    millis[i] = took;
                }
            }
            Arrays.sort(millis);
            s.append(String.format(Locale.UK, "| board paper .%s | %.2f s | %.2f s | %.2f s | %,d kB |%n", format,
                    first / 1000.0, millis[millis.length / 2] / 1000.0, millis[millis.length - 1] / 1000.0, size / 1024));
        }
        return s.append('\n').toString();
    }

    // ------------------------------------------------------------------ live updates

    /** One phase's measurements: per client and probe, when the probe's count arrived. */
    private record Phase(List<Long> endToEndMillis, List<Long> deliveryMillis, int missed, int streamsEnded,
                         String firstFailure) {}

    private Phase probe(Path inbox, List<Stream> streams, Announcements announcements, int probes, long gapMillis,
                        int baseline) throws Exception {
        long[] written = new long[probes];
        for (int k = 0; k < probes; k++) {
            written[k] = writeProbe(inbox);
            Thread.sleep(gapMillis);
        }
        Thread.sleep(3_000);
        List<Long> endToEnd = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        int missed = 0;
        for (int k = 0; k < probes; k++) {
            long expected = baseline + 10L * (k + 1);
            for (Stream stream : streams) {
                Long arrived = stream.arrival(expected);
                if (arrived == null) {
                    missed++;
                    continue;
                }
                endToEnd.add(arrived - written[k]);
                // The job may write a probe's events in two emissions; the push that completed the
                // count follows the last announcement before it arrived.
                Long announced = announcements.lastBetween(written[k], arrived);
                if (announced != null) {
                    delivery.add(arrived - announced);
                }
            }
        }
        int ended = 0;
        String firstFailure = null;
        for (Stream stream : streams) {
            if (stream.ended) {
                ended++;
                if (firstFailure == null && stream.failure != null) {
                    firstFailure = String.valueOf(stream.failure);
                }
            }
        }
        if (ended > 0) {
            System.out.printf("%,d of %,d streams ended early; first failure: %s%n", ended, streams.size(), firstFailure);
        }
        return new Phase(endToEnd, delivery, missed, ended, firstFailure);
    }

    private String liveSection(Phase latency, Phase fanOut, int clients, int load, int probes, long probeGap,
                               String watch, String emit, double heapPerClient) {
        return "### Live updates\n\n"
                + String.format(Locale.UK, "A steady load of %,d generated events a second written into the watched "
                + "directory (a file every 100 ms); %d probe files of ten attendances each for a provider no other event "
                + "names, %s apart. Job options `--watch %s --emit-interval %s` (how often the directory is listed, and "
                + "how often a changed cell is written). Times are from the probe file appearing in the directory to the "
                + "push that includes it arriving at a client over loopback; delivery is from the job's write "
                + "announcement in Redis (the last one naming the probe's cells before the push arrived) to the same "
                + "arrival, the server's part.%n%n", load, probes,
                probeGap / 1000.0 + " s", watch, emit)
                + "| clients streaming | what | p50 | p95 | p99 | pushes measured | missed |\n|---:|---|---:|---:|---:|---:|---:|\n"
                + row(1, "end to end", latency.endToEndMillis(), latency.missed())
                + row(1, "delivery (server)", latency.deliveryMillis(), 0)
                + row(clients, "end to end", fanOut.endToEndMillis(), fanOut.missed())
                + row(clients, "delivery (server)", fanOut.deliveryMillis(), 0)
                + ended(latency) + ended(fanOut)
                + String.format(Locale.UK, "%nServer heap per open idle stream: %.1f kB (heap in use after a full "
                + "collection, with and without the %,d streams, divided by their number).%n%n", heapPerClient / 1024, clients);
    }

    private static String ended(Phase phase) {
        return phase.streamsEnded() == 0 ? "" : String.format(Locale.UK, "%n%,d streams ended before the phase did (first "
                + "failure: %s); their probes count as missed.%n", phase.streamsEnded(), phase.firstFailure());
    }

    private static String row(int clients, String what, List<Long> millis, int missed) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return String.format(Locale.UK, "| %,d | %s | %s | %s | %s | %,d | %,d |%n", clients, what,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.size(), missed);
    }

    private static String percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "–";
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, rank)) + " ms";
    }

    /** The i-th of the 18 probe-scope views (metric × breakdown). */
    private static String view(int i) {
        return "/api/stream?metric=" + METRICS.get(i / BREAKDOWNS.size() % METRICS.size()) + "&provider=" + PROBE_PROVIDER
                + "&by=" + BREAKDOWNS.get(i % BREAKDOWNS.size());
    }

    /** Ten attended first appointments of the probe provider, written where the job looks in one step. */
    private long writeProbe(Path inbox) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append(event(PROBE_PROVIDER, i % 2 == 0 ? "PIFU" : "DISCHARGED")).append('\n');
        }
        return drop(inbox, "probe", lines.toString());
    }

    private String event(String provider, String outcome) {
        long n = eventIds.incrementAndGet();
        return "{\"event_id\":\"bench-" + n + "\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"" + Instant.now()
                + "\",\"patient_id\":\"bp-" + n + "\",\"icb\":\"QWE\",\"provider\":\"" + provider
                + "\",\"specialty\":\"330\",\"imd_decile\":" + (1 + n % 10) + ",\"ethnicity\":\"" + "ABHJMNRSZ".charAt((int) (n % 9))
                + "\",\"sex\":\"" + (1 + n % 2) + "\",\"age\":" + (n % 90) + ",\"appointment\":\"FIRST\","
                + "\"attendance\":\"ATTENDED\",\"medium\":\"VIDEO\",\"outcome\":\"" + outcome + "\"}";
    }

    /** Writes a hidden file and renames it into view, so the job never reads half of it; returns when. */
    private long drop(Path inbox, String kind, String content) throws IOException {
        String name = kind + "-" + eventIds.get() + "-" + System.nanoTime() + ".jsonl";
        Path hidden = inbox.resolve("." + name);
        Files.writeString(hidden, content);
        Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return System.currentTimeMillis();
    }

    /** The steady background load: a file every 100 ms. */
    private final class LoadWriter implements Runnable {
        private final Path inbox;
        private final int perSecond;
        private volatile boolean running = true;
        private Thread thread;

        LoadWriter(Path inbox, int perSecond) {
            this.inbox = inbox;
            this.perSecond = perSecond;
        }

        void start() {
            thread = new Thread(this, "load-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            String[] providers = {"RX1", "RX2", "RX3", "RX4"};
            String[] outcomes = {"PIFU", "DISCHARGED", "FOLLOW_UP", "FOLLOW_UP"};
            long next = System.currentTimeMillis();
            while (running) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < Math.max(1, perSecond / 10); i++) {
                    lines.append(event(providers[i % 4], outcomes[(i / 4) % 4])).append('\n');
                }
                try {
                    drop(inbox, "load", lines.toString());
                    next += 100;
                    Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The job's write announcements that name the probe provider, with when they were heard. */
    private static final class Announcements implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisPubSubConnection<String, String> connection;
        private final List<Long> heard = new ArrayList<>();

        Announcements(String url) {
            client = RedisClient.create(url);
            connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (message.contains(PROBE_PROVIDER)) {
                        synchronized (heard) {
                            heard.add(System.currentTimeMillis());
                            heard.notifyAll();
                        }
                    }
                }
            });
            connection.sync().subscribe(RedisKeys.UPDATES_CHANNEL);
        }

        /** The last announcement heard from {@code from} to {@code to}, or null. */
        Long lastBetween(long from, long to) {
            synchronized (heard) {
                Long last = null;
                for (long t : heard) {
                    if (t >= from && t <= to) {
                        last = t;
                    }
                }
                return last;
            }
        }

        Long firstAfter(long millis) {
            synchronized (heard) {
                return heard.stream().filter(t -> t >= millis).findFirst().orElse(null);
            }
        }

        void awaitAfter(long millis, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            synchronized (heard) {
                while (firstAfter(millis) == null) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException("the job wrote nothing for the probe within " + timeout);
                    }
                    heard.wait(left);
                }
            }
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    // ------------------------------------------------------------------ the client side

    /** One open event stream: when each overall denominator was first seen. */
    private static final class Stream implements Flow.Subscriber<String> {
        /** Denominators seen, rising, with when each arrived. */
        private final List<long[]> arrivals = new ArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);
        private final long baseline;
        private Flow.Subscription subscription;
        private String event = "";
        private long seen;
        /** Why the stream ended, if it did before it was closed. */
        volatile Throwable failure;
        volatile boolean ended;

        Stream(long baseline) {
            this.baseline = baseline;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.currentTimeMillis();
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && event.equals("view")) {
                try {
                    JsonNode denominator = JSON.readTree(line.substring(5)).path("overall").path("denominator");
                    if (denominator.isNumber() && denominator.asLong() > seen) {
                        seen = denominator.asLong();
                        if (seen > baseline) {
                            synchronized (arrivals) {
                                arrivals.add(new long[] {seen, now});
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("not a view: " + line, e);
                }
            } else if (line.startsWith("data:") && event.equals("ready")) {
                ready.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            ended = true;
            ready.countDown();
        }

        @Override
        public void onComplete() {
            ended = true;
            ready.countDown();
        }

        /** When a count of at least {@code expected} first arrived (pushes can carry two probes at once), or null. */
        Long arrival(long expected) {
            synchronized (arrivals) {
                return arrivals.stream().filter(a -> a[0] >= expected).map(a -> a[1]).findFirst().orElse(null);
            }
        }

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** A signed-in browser: its cookies, the CSRF token, and the streams it opens. */
    private static final class Web {
        private final int port;
        private final CookieManager cookies = new CookieManager();
        private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stream-reader");
            t.setDaemon(true); // streams still open must not keep the benchmark from ending
            return t;
        });
        private final HttpClient http;

        Web(int port) {
            this.port = port;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).executor(executor)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void awaitHealthy() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (http.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the server did not start within a minute");
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        private String csrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }

        private void post(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", csrf()).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        }

        void signIn(String user, String password) throws IOException, InterruptedException {
            get("/login.html"); // sets the CSRF cookie, as when a person opens the page
            post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        }

        void changePassword(String current, String next) throws IOException, InterruptedException {
            post("/api/account/password", "{\"current\":\"" + current + "\",\"new\":\"" + next + "\"}");
        }

        /** Opens {@code count} streams of one view and waits until each has sent its current state. */
        List<Stream> open(int count, String path, long baseline) throws InterruptedException {
            List<Stream> streams = new ArrayList<>();
            List<CompletableFuture<?>> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Stream stream = new Stream(baseline);
                streams.add(stream);
                responses.add(http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(stream)));
            }
            for (Stream s : streams) {
                if (!s.ready.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a stream of " + path + " was not ready within two minutes");
                }
            }
            return streams;
        }
    }

    private static void closeAll(List<Stream> streams) {
        streams.forEach(Stream::close);
    }

    // ------------------------------------------------------------------ processes

    private String addUser(Path webJar, Path users) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-jar", webJar.toString(), "users", "add", "bench", "--roles",
                "viewer", "--icbs", "*").redirectErrorStream(true);
        builder.environment().put("USERS_FILE", users.toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("users add failed: " + output);
        }
        return output.substring(output.lastIndexOf(' ') + 1).trim();
    }

    private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Heap in use after a full collection, from the JDK's own diagnostic command. */
    private long heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        }
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
