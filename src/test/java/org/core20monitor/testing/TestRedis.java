package org.core20monitor.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Redis server for tests, on a free loopback port: Debian's {@code redis-server} when it is
 * installed (what CI uses), otherwise the redis-server binary shipped by embedded-redis. It runs as a
 * child process of the test JVM, without persistence, and is stopped by {@link #close()}.
 *
 * <p>{@link #startPersistent()} starts one that persists like production Redis (append-only file,
 * fsync on every write) and can be {@link #stop() stopped} and {@link #restart() restarted} on the same
 * port with the same data, to test what clients do through an outage.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private Process process;
    private final redis.embedded.RedisServer embedded;
    private final Path dir;
    /** The command line of a persistent server, to start it again; null for the others. */
    private final List<String> persistentCommand;
    private io.lettuce.core.RedisClient client;
    private io.lettuce.core.api.StatefulRedisConnection<String, String> connection;

    private TestRedis(int port, Process process, redis.embedded.RedisServer embedded, Path dir,
                      List<String> persistentCommand) {
        this.port = port;
        this.process = process;
        this.embedded = embedded;
        this.dir = dir;
        this.persistentCommand = persistentCommand;
    }

    public static TestRedis start() {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("core20-test-redis");
            String binary = systemRedis();
            if (binary != null) {
                Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("redis.log").toFile())
                        .start();
                awaitPort(port, process);
                return new TestRedis(port, process, null, dir, null);
            }
            redis.embedded.RedisServer embedded = redis.embedded.RedisServer.newRedisServer()
                    .port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
            embedded.start();
            awaitPort(port, null);
            return new TestRedis(port, null, embedded, dir, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a Redis server for tests", e);
        }
    }

    /**
     * A Redis that keeps its data in its own directory through {@link #stop()} and {@link #restart()}:
     * every acknowledged write is in the append-only file, fsynced (as production Redis is expected to
     * run). Needs an installed {@code redis-server}: embedded-redis cannot be restarted on its data.
     */
    public static TestRedis startPersistent() {
        String binary = systemRedis();
        if (binary == null) {
            throw new IllegalStateException("a persistent test Redis needs redis-server installed (apt-get install redis-server)");
        }
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("core20-test-redis-aof");
            List<String> command = List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString());
            return new TestRedis(port, launch(command, dir, port), null, dir, command);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a persistent Redis server for tests", e);
        }
    }

    private static Process launch(List<String> command, Path dir, int port) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        awaitPort(port, process);
        return process;
    }

    /**
     * Shuts a persistent server down as an operator would (SIGTERM: Redis finishes its append-only
     * file and exits) and waits until it has; its data directory stays for {@link #restart()}. Clients
     * see connections refused until then.
     */
    public synchronized void stop() {
        requirePersistent();
        closeConnection();
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping test Redis", e);
        }
        process = null;
    }

    /** Starts a stopped persistent server again on the same port, with the data it had. */
    public synchronized void restart() {
        requirePersistent();
        if (process != null) {
            throw new IllegalStateException("test Redis is running; stop() it first");
        }
        try {
            process = launch(persistentCommand, dir, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart test Redis on port " + port
                    + " (was the port taken meanwhile?)", e);
        }
    }

    private void requirePersistent() {
        if (persistentCommand == null) {
            throw new IllegalStateException("only a TestRedis.startPersistent() server can be stopped and restarted");
        }
    }

    private static String systemRedis() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            File f = new File(dir, "redis-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Synchronous commands on a connection this server owns and closes with it. */
    public synchronized io.lettuce.core.api.sync.RedisCommands<String, String> commands() {
        if (connection == null) {
            client = io.lettuce.core.RedisClient.create(url());
            connection = client.connect();
        }
        return connection.sync();
    }

    @Override
    public synchronized void close() {
        closeConnection();
        try {
            if (process != null) {
                process.destroy();
                process.waitFor();
                process = null;
            }
            if (embedded != null) {
                embedded.stop();
            }
            if (persistentCommand != null) {
                deleteRecursively(dir);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop test Redis", e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            client.shutdown();
            connection = null;
            client = null;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process process) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("redis-server did not listen on " + port);
    }
}
