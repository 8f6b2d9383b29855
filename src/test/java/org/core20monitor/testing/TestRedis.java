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
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private final Process process;
    private final redis.embedded.RedisServer embedded;
    private final Path dir;
    private io.lettuce.core.RedisClient client;
    private io.lettuce.core.api.StatefulRedisConnection<String, String> connection;

    private TestRedis(int port, Process process, redis.embedded.RedisServer embedded, Path dir) {
        this.port = port;
        this.process = process;
        this.embedded = embedded;
        this.dir = dir;
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
                return new TestRedis(port, process, null, dir);
            }
            redis.embedded.RedisServer embedded = redis.embedded.RedisServer.newRedisServer()
                    .port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
            embedded.start();
            awaitPort(port, null);
            return new TestRedis(port, null, embedded, dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a Redis server for tests", e);
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
    public void close() {
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
        try {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
            if (embedded != null) {
                embedded.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop test Redis", e);
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
