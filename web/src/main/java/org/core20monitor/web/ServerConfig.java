package org.core20monitor.web;

import java.util.Map;
import org.core20monitor.web.auth.AuthConfig;

/**
 * Server settings from the environment, with defaults for a local run. {@code webrootDir}
 * (WEBROOT_DIR) serves the dashboard's files from a directory instead of the jar, so that a change to
 * them shows on reload while developing; null in production. {@code auth} says how people sign in;
 * {@code benchmarking} what trajectories and benchmarks are measured against.
 */
public record ServerConfig(String host, int port, String redisUrl, long heartbeatMillis, String webrootDir,
                           AuthConfig auth, Benchmarking benchmarking) {

    public ServerConfig(String host, int port, String redisUrl, long heartbeatMillis, String webrootDir,
                        AuthConfig auth) {
        this(host, port, redisUrl, heartbeatMillis, webrootDir, auth, Benchmarking.defaults());
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                env.getOrDefault("HTTP_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080")),
                env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"),
                Long.parseLong(env.getOrDefault("SSE_HEARTBEAT_MS", "15000")),
                env.get("WEBROOT_DIR"),
                AuthConfig.fromEnvironment(env),
                Benchmarking.fromEnvironment(env));
    }

    public ServerConfig withRedis(String url) {
        return new ServerConfig(host, port, url, heartbeatMillis, webrootDir, auth, benchmarking);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, redisUrl, heartbeatMillis, webrootDir, auth, benchmarking);
    }

    public ServerConfig withAuth(AuthConfig newAuth) {
        return new ServerConfig(host, port, redisUrl, heartbeatMillis, webrootDir, newAuth, benchmarking);
    }

    public ServerConfig withBenchmarking(Benchmarking newBenchmarking) {
        return new ServerConfig(host, port, redisUrl, heartbeatMillis, webrootDir, auth, newBenchmarking);
    }
}
