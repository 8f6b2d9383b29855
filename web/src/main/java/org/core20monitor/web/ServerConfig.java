package org.core20monitor.web;

import java.util.Map;

/** Server settings from the environment, with defaults for a local run. */
public record ServerConfig(String host, int port, String redisUrl, long heartbeatMillis) {

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                env.getOrDefault("HTTP_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080")),
                env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"),
                Long.parseLong(env.getOrDefault("SSE_HEARTBEAT_MS", "15000")));
    }

    public ServerConfig withRedis(String url) {
        return new ServerConfig(host, port, url, heartbeatMillis);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, redisUrl, heartbeatMillis);
    }
}
