package org.core20monitor.web;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.core20monitor.core.generator.GenerateEvents;
import redis.embedded.RedisServer;

/**
 * Everything on one machine with nothing installed but a JDK: a Redis server (embedded, unless
 * REDIS_URL points at one), the Flink job in its own JVM on a local MiniCluster fed by the synthetic
 * generator (a year of history, then live events), and the dashboard server. Ctrl-C stops all three.
 * A job process that dies is started again and resumes from its newest checkpoint.
 *
 * <p>The job runs from the same jar that is submitted to a Flink cluster, with Flink's own jars
 * (copied to flink-jobs/target/flink-lib by the build) on its classpath, as a cluster would provide.
 */
final class EmbeddedDemo {

    private EmbeddedDemo() {}

    static void run(String[] jobArgs) throws Exception {
        Map<String, String> env = System.getenv();
        ServerConfig config = ServerConfig.fromEnvironment(env);
        if (!env.containsKey("COOKIE_SECURE")) {
            // The demo serves plain HTTP: a Secure-only cookie would not come back from a browser that
            // reaches it by a host name rather than localhost.
            config = config.withAuth(config.auth().withCookieSecure(false));
        }
        if (!env.containsKey("PEER_CANDIDATES") && !env.containsKey("PEERS")) {
            // The demo generates a few ICBs: each is benchmarked against the others rather than against
            // peers with no data.
            Benchmarking b = config.benchmarking();
            config = config.withBenchmarking(new Benchmarking(b.targetDates(), b.peerCount(), demoIcbs(jobArgs),
                    null));
        }
        Path jobJar = Path.of(env.getOrDefault("CORE20_JOB_JAR", "flink-jobs/target/core20-flink-jobs.jar"));
        Path flinkLib = Path.of(env.getOrDefault("CORE20_FLINK_LIB", "flink-jobs/target/flink-lib"));
        if (!Files.isRegularFile(jobJar) || !Files.isDirectory(flinkLib)) {
            throw new IllegalStateException("cannot find the job jar " + jobJar.toAbsolutePath() + " and " + flinkLib
                    + ": run from the project root after `mvn package`, or set CORE20_JOB_JAR and CORE20_FLINK_LIB");
        }

        RedisServer redis = null;
        String redisUrl = env.get("REDIS_URL");
        if (redisUrl == null) {
            int port = freePort();
            redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            redisUrl = "redis://127.0.0.1:" + port;
            System.out.println("Started an embedded Redis on " + redisUrl);
        }

        // Checkpoints of this run only (its Redis is new too), removed when it stops.
        Path checkpoints = Files.createTempDirectory("core20-demo-checkpoints");
        AtomicReference<Process> job = new AtomicReference<>(startJob(jobJar, flinkLib, redisUrl, checkpoints, jobArgs));
        AtomicBoolean stopping = new AtomicBoolean();
        Vertx vertx = Vertx.vertx();
        RedisServer startedRedis = redis;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process last;
            synchronized (job) { // no restart can slip in after this
                stopping.set(true);
                last = job.get();
            }
            stop(last, vertx, startedRedis, checkpoints);
        }, "core20-demo-stop"));

        vertx.deployVerticle(new DashboardServer(config.withRedis(redisUrl))).await();
        System.out.println("Core20 Monitor dashboard: http://localhost:" + config.port()
                + "  (the job is replaying a year of history, then live events; Ctrl-C stops everything)");
        String store = redisUrl;
        superviseJob(job, stopping, () -> startJob(jobJar, flinkLib, store, checkpoints, jobArgs), 2_000);
        Thread.currentThread().join();
    }

    /** How often the demo starts a job that keeps dying before it gives up. */
    static final int MAX_RESTARTS = 10;

    interface JobStarter {
        Process start() throws IOException;
    }

    /**
     * Waits for the job; if its process dies (killed, out of memory) while the demo runs, starts it again
     * on the same checkpoint directory, so it resumes from its newest checkpoint into the same Redis and
     * loses and double-counts nothing, as a Flink cluster would restart it.
     */
    static void superviseJob(AtomicReference<Process> job, AtomicBoolean stopping, JobStarter starter,
                             long restartDelayMillis) throws IOException, InterruptedException {
        for (int restarts = 0; ; restarts++) {
            int exit = job.get().waitFor();
            if (stopping.get()) {
                return;
            }
            if (exit == 0) {
                System.out.println("The Flink job finished; the dashboard keeps serving what it wrote.");
                return;
            }
            if (restarts == MAX_RESTARTS) {
                System.out.println("The Flink job stopped (exit code " + exit + ") " + MAX_RESTARTS
                        + " times; not restarting it again. The dashboard keeps serving what it wrote.");
                return;
            }
            System.out.println("The Flink job stopped (exit code " + exit
                    + "); restarting it from its newest checkpoint");
            Thread.sleep(restartDelayMillis);
            synchronized (job) { // the shutdown hook stops whatever is set here, or nothing is started
                if (stopping.get()) {
                    return;
                }
                job.set(starter.start());
            }
        }
    }

    private static Process startJob(Path jobJar, Path flinkLib, String redisUrl, Path checkpoints, String[] jobArgs)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The job jar's own launcher puts Flink's jars on the classpath, as for `compute`.
        List<String> command = new ArrayList<>(List.of(java,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dcore20.flink.lib=" + flinkLib.toAbsolutePath(),
                "-jar", jobJar.toString(),
                "--redis", redisUrl,
                "--checkpoint-dir", checkpoints.toUri().toString()));
        // The demo's history opens with follow-ups under way (30 months simulated before it)
        // and has the 2019/20 baseline year, so the change in follow-ups has something to compare with.
        List<String> given = List.of(jobArgs);
        // PIFU reaches the most deprived fifth more slowly than everyone else, which the trajectories flag.
        for (String[] option : new String[][] {{"--warm-up-months", "30"}, {"--baseline", "true"},
                {"--scenario", "flat-core20-pifu"}}) {
            if (!given.contains(option[0])) {
                command.addAll(List.of(option));
            }
        }
        command.addAll(given);
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static void stop(Process job, Vertx vertx, RedisServer redis, Path checkpoints) {
        job.descendants().forEach(ProcessHandle::destroy);
        job.destroy();
        try {
            if (!job.waitFor(10, TimeUnit.SECONDS)) {
                job.destroyForcibly();
            }
            vertx.close().await(10, TimeUnit.SECONDS);
            if (redis != null) {
                redis.stop();
            }
            try (var files = Files.walk(checkpoints)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception e) {
            System.err.println("while stopping: " + e.getMessage());
        }
    }

    /** The ICBs the demo's job generates: its --icbs argument, or the generator's default. */
    static List<String> demoIcbs(String[] jobArgs) {
        List<String> args = List.of(jobArgs);
        int at = args.indexOf("--icbs");
        String icbs = at >= 0 && at + 1 < args.size() ? args.get(at + 1) : GenerateEvents.DEFAULT_ICBS;
        return List.of(icbs.split(","));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
