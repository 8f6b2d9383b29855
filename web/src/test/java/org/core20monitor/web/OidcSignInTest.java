package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.view.Scope;
import org.core20monitor.testing.TestRedis;
import org.core20monitor.web.auth.AuthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in through OpenID Connect end to end: a small identity provider on a loopback port
 * (discovery document, authorisation endpoint, token endpoint issuing RS256-signed tokens, JWKS)
 * and the real server discovering it, redirecting to it, exchanging the code and reading the user's
 * roles and ICBs from the ID token's claims.
 */
@ExtendWith(VertxExtension.class)
class OidcSignInTest {

    private static final String CLIENT = "core20-monitor";
    private static final String SECRET = "test-client-secret";
    private static TestRedis redis;
    private static KeyPair key;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void aUserSignedInByTheProviderSeesTheIcbsInTheirClaims(Vertx vertx) throws Exception {
        redis.commands().flushall();
        for (String icb : new String[] {"QWE", "QHL"}) {
            MetricCounts counts = ViewFixtures.counts();
            ViewFixtures.attendances(counts, 1, 400, 20);
            ViewFixtures.attendances(counts, 10, 500, 45);
            ViewFixtures.store(redis.commands(), "2026-10", Scope.icb(icb), counts);
        }
        Map<String, String> nonces = new ConcurrentHashMap<>();
        HttpServer provider = provider(vertx, nonces);
        String issuer = "http://127.0.0.1:" + provider.actualPort();

        int port = serverSigningInWith(vertx, issuer);
        String callback = "http://127.0.0.1:" + port + "/oidc/callback";

        WebClientSession browser = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)));
        assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/views?metric=pifu_rate&icb=QWE").send().await()
                .statusCode()).isEqualTo(401);

        // The page sends the reader to the provider, which signs them in and sends them back with a code.
        HttpResponse<Buffer> toProvider = browser.getAbs("http://127.0.0.1:" + port + "/metric.html?icb=QWE").send().await();
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = toProvider.getHeader("Location");
        assertThat(authorize).startsWith(issuer + "/authorize").contains("client_id=" + CLIENT)
                .contains("code_challenge=");
        HttpResponse<Buffer> back = browser.getAbs(authorize).send().await();
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.getHeader("Location")).startsWith(callback);
        HttpResponse<Buffer> signedIn = browser.getAbs(back.getHeader("Location")).send().await();
        assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(302);
        assertThat(signedIn.getHeader("Location")).endsWith("/metric.html?icb=QWE");

        JsonObject me = browser.getAbs("http://127.0.0.1:" + port + "/api/session").send().await().bodyAsJsonObject();
        assertThat(me.getString("username")).isEqualTo("jo.bloggs@nhs.net");
        assertThat(me.getJsonArray("roles").getList()).containsExactly("viewer");
        assertThat(me.getJsonArray("icbs").getList()).containsExactly("QWE");
        assertThat(me.getString("sign_in")).isEqualTo("oidc");
        assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/views?metric=pifu_rate&period=2026-10&icb=QWE")
                .send().await().statusCode()).isEqualTo(200);
        assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/views?metric=pifu_rate&period=2026-10&icb=QHL")
                .send().await().statusCode()).isEqualTo(403);
        assertThat(redis.commands().lrange(org.core20monitor.core.redis.RedisKeys.AUDIT, 0, -1))
                .anySatisfy(e -> assertThat(e).contains("\"what\":\"sign in\"").contains("jo.bloggs@nhs.net"));
    }

    /** How long the provider's tokens last. */
    private static volatile long tokenLifetimeSeconds = 300;

    @Test
    void whenTheProvidersTokenExpiresThePageGoesBackThroughTheProvider(Vertx vertx) throws Exception {
        redis.commands().flushall();
        HttpServer provider = provider(vertx, new ConcurrentHashMap<>());
        String issuer = "http://127.0.0.1:" + provider.actualPort();
        int port = serverSigningInWith(vertx, issuer);
        WebClientSession browser = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)));
        String page = "http://127.0.0.1:" + port + "/metric.html?icb=QWE";
        try {
            tokenLifetimeSeconds = 2;
            signIn(browser, page);
            assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/session").send().await().statusCode()).isEqualTo(200);
            Thread.sleep(3_000); // past the token's lifetime
            assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/session").send().await().statusCode())
                    .as("the API after the token expired").isEqualTo(401);
            HttpResponse<Buffer> again = browser.getAbs(page).send().await();
            assertThat(again.statusCode()).isEqualTo(302);
            assertThat(again.getHeader("Location")).as("to the provider, not round in a loop").startsWith(issuer + "/authorize");
            tokenLifetimeSeconds = 300;
            signIn(browser, page);
            assertThat(browser.getAbs("http://127.0.0.1:" + port + "/api/session").send().await().statusCode()).isEqualTo(200);
        } finally {
            tokenLifetimeSeconds = 300;
        }
    }

    /** A server signing in through the provider at {@code issuer}; its port. */
    private static int serverSigningInWith(Vertx vertx, String issuer) throws Exception {
        int port = freePort();
        AuthConfig oidc = AuthConfig.fromEnvironment(Map.of("AUTH_MODE", "oidc", "OIDC_ISSUER", issuer,
                "OIDC_CLIENT_ID", CLIENT, "OIDC_CLIENT_SECRET", SECRET,
                "OIDC_CALLBACK_URL", "http://127.0.0.1:" + port + "/oidc/callback", "COOKIE_SECURE", "false"));
        vertx.deployVerticle(new DashboardServer(new ServerConfig("127.0.0.1", port, redis.url(), 60_000, null, oidc)))
                .await();
        return port;
    }

    /** Opens a page, follows the provider's sign-in and the callback, and ends back on the page. */
    private static void signIn(WebClientSession browser, String page) {
        HttpResponse<Buffer> toProvider = browser.getAbs(page).send().await();
        assertThat(toProvider.statusCode()).isEqualTo(302);
        HttpResponse<Buffer> back = browser.getAbs(toProvider.getHeader("Location")).send().await();
        HttpResponse<Buffer> signedIn = browser.getAbs(back.getHeader("Location")).send().await();
        assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(302);
        assertThat(page).endsWith(signedIn.getHeader("Location"));
    }

    /** The identity provider: just enough of OpenID Connect for the authorisation code flow. */
    private static HttpServer provider(Vertx vertx, Map<String, String> nonces) {
        Router router = Router.router(vertx);
        int[] port = new int[1];
        router.get("/.well-known/openid-configuration").handler(ctx -> {
            String issuer = "http://127.0.0.1:" + port[0];
            ctx.json(new JsonObject().put("issuer", issuer)
                    .put("authorization_endpoint", issuer + "/authorize")
                    .put("token_endpoint", issuer + "/token")
                    .put("jwks_uri", issuer + "/jwks")
                    .put("response_types_supported", new JsonArray().add("code"))
                    .put("subject_types_supported", new JsonArray().add("public"))
                    .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256")));
        });
        router.get("/jwks").handler(ctx -> {
            RSAPublicKey pub = (RSAPublicKey) key.getPublic();
            ctx.json(new JsonObject().put("keys", new JsonArray().add(new JsonObject().put("kty", "RSA")
                    .put("kid", "k1").put("use", "sig").put("alg", "RS256")
                    .put("n", b64(unsigned(pub.getModulus()))).put("e", b64(unsigned(pub.getPublicExponent()))))));
        });
        router.get("/authorize").handler(ctx -> {
            String code = "code-" + System.nanoTime();
            if (ctx.queryParams().get("nonce") != null) {
                nonces.put(code, ctx.queryParams().get("nonce"));
            }
            String redirect = ctx.queryParams().get("redirect_uri") + "?code=" + code + "&state="
                    + java.net.URLEncoder.encode(ctx.queryParams().get("state"), StandardCharsets.UTF_8);
            ctx.response().setStatusCode(302).putHeader("Location", redirect).end();
        });
        router.post("/token").handler(BodyHandler.create()).handler(ctx -> {
            String issuer = "http://127.0.0.1:" + port[0];
            long now = Instant.now().getEpochSecond();
            JsonObject claims = new JsonObject().put("iss", issuer).put("sub", "user-1").put("aud", CLIENT)
                    .put("iat", now).put("exp", now + tokenLifetimeSeconds)
                    .put("preferred_username", "jo.bloggs@nhs.net")
                    .put("core20_roles", new JsonArray().add("viewer")).put("core20_icbs", new JsonArray().add("QWE"));
            String nonce = nonces.get(ctx.request().getFormAttribute("code"));
            if (nonce != null) {
                claims.put("nonce", nonce);
            }
            ctx.json(new JsonObject().put("token_type", "Bearer").put("expires_in", tokenLifetimeSeconds)
                    .put("access_token", jwt(claims.copy().put("scope", "openid profile email")))
                    .put("id_token", jwt(claims)));
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        port[0] = server.actualPort();
        return server;
    }

    private static String jwt(JsonObject claims) {
        try {
            String head = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", "k1").encode()
                    .getBytes(StandardCharsets.UTF_8));
            String body = b64(claims.encode().getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.getPrivate());
            rsa.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
