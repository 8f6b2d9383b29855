package org.core20monitor.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.core20monitor.web.auth.AuthConfig;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Users for tests, written to a real user file that the server reads as in production, and a
 * client that signs in through the real sign-in endpoint and sends the CSRF token like the pages.
 * Hashes use a low BCrypt cost only to keep the tests quick.
 */
final class TestUsers {

    /** Every test user's password. */
    static final String PASSWORD = "plenty-of-characters-here";
    /** Viewer of every ICB. */
    static final String ANALYST = "analyst";
    /** Viewer of ICB QWE only. */
    static final String QWE_VIEWER = "qwe-viewer";
    /** Programme lead (and viewer) of ICB QWE only. */
    static final String QWE_LEAD = "qwe-lead";
    /** Administrator, programme lead and viewer of every ICB. */
    static final String ADMIN = "admin";
    /** Has a one-time password still to change. */
    static final String FRESH = "fresh";

    private TestUsers() {}

    static AuthConfig file(Path dir) {
        JsonArray users = new JsonArray()
                .add(user(ANALYST, List.of("viewer"), List.of("*"), false))
                .add(user(QWE_VIEWER, List.of("viewer"), List.of("QWE"), false))
                .add(user(QWE_LEAD, List.of("viewer", "programme_lead"), List.of("QWE"), false))
                .add(user(ADMIN, List.of("admin", "viewer", "programme_lead"), List.of("*"), false))
                .add(user(FRESH, List.of("viewer"), List.of("*"), true));
        Path file = dir.resolve("users.json");
        try {
            Files.writeString(file, new JsonObject().put("users", users).encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthConfig.local(file, false);
    }

    private static JsonObject user(String name, List<String> roles, List<String> icbs, boolean mustChange) {
        return new JsonObject().put("username", name).put("password_hash", BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)))
                .put("roles", new JsonArray(roles)).put("icbs", new JsonArray(icbs)).put("must_change_password", mustChange);
    }

    /** A server configuration on a free port, signing in from a fresh user file in {@code dir}. */
    static ServerConfig server(String redisUrl, long heartbeatMillis, Path dir) {
        return new ServerConfig("127.0.0.1", 0, redisUrl, heartbeatMillis, null, file(dir));
    }

    /** A browser-like client: cookies kept, the CSRF token sent with every state-changing request. */
    static final class Client {
        final WebClientSession web;
        final int port;

        Client(Vertx vertx, int port) {
            this.web = WebClientSession.create(WebClient.create(vertx,
                    new io.vertx.ext.web.client.WebClientOptions().setFollowRedirects(false)));
            this.port = port;
            // The sign-in page sets the CSRF cookie, as when a person opens it.
            web.get(port, "127.0.0.1", "/login.html").send().await();
        }

        /** The same browser's cookies (session, CSRF token) sent to another server. */
        Client(Vertx vertx, int port, Client sameBrowser) {
            this.web = WebClientSession.create(WebClient.create(vertx,
                    new io.vertx.ext.web.client.WebClientOptions().setFollowRedirects(false)),
                    sameBrowser.web.cookieStore());
            this.port = port;
        }

        String csrf() {
            for (var c : web.cookieStore().get(false, "127.0.0.1", "/")) {
                if (c.name().equals("XSRF-TOKEN")) {
                    return c.value();
                }
            }
            return "";
        }

        HttpResponse<Buffer> signIn(String username, String password) {
            return send(HttpMethod.POST, "/api/login",
                    new JsonObject().put("username", username).put("password", password).encode());
        }

        HttpResponse<Buffer> get(String uri) {
            return web.get(port, "127.0.0.1", uri).send().await();
        }

        HttpResponse<Buffer> send(HttpMethod method, String uri, String json) {
            var request = web.request(method, port, "127.0.0.1", uri).putHeader("X-XSRF-TOKEN", csrf());
            return (json == null ? request.send()
                    : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json))).await();
        }

        /** The session cookie, for clients (like a raw event-stream request) that carry cookies themselves. */
        String cookieHeader() {
            StringBuilder s = new StringBuilder();
            for (var c : web.cookieStore().get(false, "127.0.0.1", "/")) {
                s.append(s.isEmpty() ? "" : "; ").append(c.name()).append('=').append(c.value());
            }
            return s.toString();
        }

        void close() {
            web.close();
        }
    }

    /** A client signed in as {@code username}; fails the test if the sign-in does not succeed. */
    static Client signedIn(Vertx vertx, int port, String username) {
        Client client = new Client(vertx, port);
        HttpResponse<Buffer> response = client.signIn(username, PASSWORD);
        if (response.statusCode() != 200) {
            throw new AssertionError("could not sign in as " + username + ": " + response.statusCode() + " "
                    + response.bodyAsString());
        }
        return client;
    }
}
