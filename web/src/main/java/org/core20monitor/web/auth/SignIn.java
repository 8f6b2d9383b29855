package org.core20monitor.web.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.OAuth2AuthHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewJson;

/**
 * Sign-in, sessions and the gate in front of everything but {@code /health} and {@code /ready}.
 *
 * <p>Sessions are kept in Redis (so they survive a restart of the server and any replica can serve
 * any request) with an HttpOnly, SameSite=Lax cookie (Secure unless COOKIE_SECURE
 * is false for plain-HTTP local use) and a new session id at sign-in. Every state-changing request
 * needs the CSRF token: the server sets it in the readable {@code XSRF-TOKEN} cookie and the page
 * sends it back in the {@code X-XSRF-TOKEN} header, which another site cannot do. Failed sign-ins
 * are throttled ({@link LoginThrottle}); sign-ins, failures, refusals and sign-outs are audited.
 *
 * <pre>
 * POST /api/login             {"username", "password"}  (local mode)
 * POST /api/logout
 * GET  /api/session           who is signed in, their roles and ICBs
 * POST /api/account/password  {"current", "new"}         (local mode)
 * </pre>
 */
public final class SignIn {

    private static final String GRANT = "core20.grant";
    private static final String MUST_CHANGE = "must_change_password";
    private static final String AUDITED = "sign_in_audited";
    private static final int BODY_LIMIT = 4 * 1024;
    private static final int HASHING_THREADS = 4;
    /** Reachable without signing in: the sign-in page and what it needs. */
    private static final Set<String> PUBLIC = Set.of("/login.html", "/js/login.js", "/js/next.js",
            "/css/app.css", "/favicon.ico");
    /** Reachable while a one-time password still has to be replaced. */
    private static final Set<String> WHILE_CHANGING = Set.of("/account.html", "/js/account.js", "/js/api.js",
            "/js/next.js", "/css/app.css", "/api/session",
            "/api/logout", "/api/account/password");

    /** Records an audit entry: the request, what happened, and details to add. */
    public interface Audit extends BiFunction<RoutingContext, Map<String, Object>, Future<Void>> {}

    private final Vertx vertx;
    private final AuthConfig config;
    private final SessionStore store;
    private final Audit audit;
    private final LoginThrottle throttle;
    private final CsrfGuard csrf;
    /**
     * Password hashing (deliberately slow) on threads of its own, so that a burst of sign-ins cannot
     * occupy the worker threads that exports and other blocking work share.
     */
    private final WorkerExecutor hashing;
    private UserFile users;
    private OAuth2Auth oidc;
    private SessionHandler sessions;

    public SignIn(Vertx vertx, AuthConfig config, SessionStore store, Audit audit) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.audit = audit;
        this.throttle = new LoginThrottle(config.maxFailures(), config.lockout(), Clock.systemUTC());
        this.csrf = new CsrfGuard(config.cookieSecure());
        this.hashing = vertx.createSharedWorkerExecutor("core20-password-hashing", HASHING_THREADS);
    }

    /** Opens the user file (creating it with a one-time password) or discovers the OpenID provider. */
    public Future<Void> start() {
        if (config.mode() == AuthConfig.Mode.LOCAL) {
            return vertx.executeBlocking(() -> {
                users = UserFile.open(config.usersFile(), System.out::println);
                return null;
            });
        }
        AuthConfig.Oidc o = config.oidc();
        return OpenIDConnectAuth.discover(vertx, new OAuth2Options()
                        .setSite(o.issuer()).setClientId(o.clientId()).setClientSecret(o.clientSecret()))
                .onSuccess(provider -> oidc = provider)
                .mapEmpty();
    }

    /** Sessions, CSRF, the sign-in endpoints and the gate; routes mounted after this are protected. */
    public void mount(Router router) {
        sessions = SessionHandler.create(store)
                .setSessionCookieName("core20.session")
                .setCookieHttpOnlyFlag(true)
                .setCookieSecureFlag(config.cookieSecure())
                // Lax, not Strict: the way back from an OpenID provider on another site is a cross-site
                // navigation, and without the session cookie the sign-in's state could not be checked.
                // State-changing requests are guarded by the CSRF header, which no other site can set.
                .setCookieSameSite(CookieSameSite.LAX)
                .setSessionTimeout(config.sessionTimeout().toMillis())
                .setNagHttps(false);
        router.route().handler(sessions);
        router.route().handler(csrf);
        if (oidc != null) {
            // Pages (not the API, which answers 401) send a signed-out reader to the provider and,
            // back from it, on to the page they were going to. Mounted as a route handler so that it
            // places its callback route ahead of itself.
            OAuth2AuthHandler toProvider = OAuth2AuthHandler.create(vertx, oidc, config.oidc().callbackUrl())
                    .withScope("openid").withScope("profile").withScope("email")
                    .pkceVerifierLength(64);
            toProvider.setupCallback(router.get(URI.create(config.oidc().callbackUrl()).getPath()));
            router.route().handler(this::forgetExpired);
            router.routeWithRegex("^/(?!api/).*").handler(toProvider);
            router.get("/login.html").handler(ctx -> redirect(ctx, safeNext(ctx.queryParams().get("next"))));
        } else {
            router.post("/api/login").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::login);
            router.post("/api/account/password").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                    .handler(this::gate).handler(this::changePassword);
        }
        router.post("/api/logout").handler(this::logout);
        router.route().handler(this::gate);
        router.get("/api/session").handler(this::session);
    }

    /**
     * A user whose token from the provider has expired is signed out here, before the provider's
     * handler (which lets any user through) and the gate: a page then goes back through the provider,
     * which signs them in again if it still may, and the API answers 401.
     */
    private void forgetExpired(RoutingContext ctx) {
        User user = ctx.user();
        if (user != null && user.expired()) {
            ctx.userContext().clear();
            if (ctx.session() != null) {
                ctx.session().remove(AUDITED); // the next sign-in is audited as one
            }
        }
        ctx.next();
    }

    /** The grant of the person making this request (set by the gate), or null before it. */
    public static Grant grant(RoutingContext ctx) {
        return ctx.get(GRANT);
    }

    /** Fails the request with a 403 unless its user may see figures for the scope. */
    public static void requireSee(RoutingContext ctx, Scope scope) {
        Grant grant = grant(ctx);
        if (grant == null || !grant.canSee(scope)) {
            throw new Forbidden("you do not have access to figures for " + describe(scope));
        }
    }

    /** Fails the request with a 403 unless its user may register or change service changes in the scope. */
    public static void requireManageChanges(RoutingContext ctx, Scope scope) {
        Grant grant = grant(ctx);
        if (grant == null || !grant.canManageChanges(scope)) {
            throw new Forbidden("registering or changing service changes for " + describe(scope)
                    + " needs the programme lead role for that ICB");
        }
    }

    public static void requireRole(RoutingContext ctx, String role) {
        Grant grant = grant(ctx);
        if (grant == null || !grant.has(role)) {
            throw new Forbidden("this needs the " + role + " role");
        }
    }

    private static String describe(Scope scope) {
        return scope.icb() == null ? "England-wide " + scope.id() : "ICB " + scope.icb();
    }

    private void gate(RoutingContext ctx) {
        String path = ctx.request().path();
        if (PUBLIC.contains(path)) {
            ctx.next();
            return;
        }
        Grant grant = currentGrant(ctx);
        if (grant == null) {
            if (path.startsWith("/api/")) {
                json(ctx, 401, Map.of("error", "sign in to see this"));
            } else {
                redirect(ctx, "/login.html?next=" + java.net.URLEncoder.encode(ctx.request().uri(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        if (ctx.session() != null && Boolean.TRUE.equals(ctx.session().get(MUST_CHANGE)) && !WHILE_CHANGING.contains(path)) {
            if (path.startsWith("/api/")) {
                json(ctx, 403, Map.of("error", "choose a new password first", "password_change_required", true));
            } else {
                redirect(ctx, "/account.html");
            }
            return;
        }
        ctx.put(GRANT, grant);
        if (oidc != null && ctx.session() != null && ctx.session().get(AUDITED) == null) {
            // The first request after the provider signed this user in: audited, and a new CSRF token,
            // as at a local sign-in.
            ctx.session().put(AUDITED, true);
            csrf.renew(ctx);
            audit.apply(ctx, entry("sign in", grant.username()));
        }
        ctx.next();
    }

    /** The signed-in user's grant, read afresh from the user file in local mode (so a change applies at once). */
    private Grant currentGrant(RoutingContext ctx) {
        return grantOf(ctx.user());
    }

    /** A user's grant now: none once the provider's token has expired, or (local) once the file drops them. */
    private Grant grantOf(User user) {
        if (user == null) {
            return null;
        }
        if (oidc != null) {
            if (user.expired()) {
                return null; // pages go back through the provider, which signs them in again if it still may
            }
            JsonObject claims = user.attributes().getJsonObject("idToken");
            return Grant.fromClaims(claims, config.oidc().rolesClaim(), config.oidc().icbsClaim());
        }
        Grant signedIn = Grant.of(user);
        if (signedIn == null) {
            return null;
        }
        return users.find(signedIn.username()).map(UserFile.Account::grant).orElse(null);
    }

    /**
     * Whether the person behind this request may still see the scope, asked again for as long as a live
     * stream stays open: false once the session has ended (signed out, timed out), the provider's token
     * has expired, or the user file no longer grants the scope.
     */
    public Supplier<Future<Boolean>> stillSees(RoutingContext ctx, Scope scope) {
        String sessionId = ctx.session() == null ? null : ctx.session().id();
        User user = ctx.user();
        return () -> {
            if (sessionId == null) {
                return Future.succeededFuture(false);
            }
            return store.get(sessionId).map(session -> {
                Grant grant = session == null ? null : grantOf(user);
                return grant != null && grant.canSee(scope);
            });
        };
    }

    private void login(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        String username = body.getValue("username") instanceof String s ? s.trim() : "";
        String password = body.getValue("password") instanceof String s ? s : "";
        String address = ctx.request().remoteAddress().hostAddress();
        Duration wait = throttle.attempt(username, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            audit.apply(ctx, entry("sign in refused: too many failed attempts", username));
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            json(ctx, 429, Map.of("error", "too many failed sign-ins: try again in " + minutes(seconds)));
            return;
        }
        // Unordered: sign-ins hash side by side rather than queueing behind one another.
        hashing.executeBlocking(() -> users.verify(username, password), false).onSuccess(found -> {
            if (found.isEmpty()) {
                audit.apply(ctx, entry("failed sign in", username));
                json(ctx, 401, Map.of("error", "wrong username or password"));
                return;
            }
            UserFile.Account account = found.get();
            throttle.succeeded(username, address);
            // A new session id and CSRF token at sign-in, so that any planted before it are worth nothing after.
            ctx.session().regenerateId();
            csrf.renew(ctx);
            ctx.session().put(MUST_CHANGE, account.mustChangePassword());
            sessions.setUser(ctx, User.create(account.grant().principal())).onSuccess(v -> {
                audit.apply(ctx, entry("sign in", username));
                json(ctx, 200, sessionBody(account.grant(), account.mustChangePassword()));
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void changePassword(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        Grant grant = grant(ctx);
        String current = body.getValue("current") instanceof String s ? s : "";
        String chosen = body.getValue("new") instanceof String s ? s : "";
        hashing.executeBlocking(() -> {
            users.changePassword(grant.username(), current, chosen);
            return null;
        }, false).compose(v -> {
            // Stored before the answer, so the page's next request already finds the password changed.
            ctx.session().put(MUST_CHANGE, false);
            return sessions.flush(ctx);
        }).onSuccess(v -> {
            audit.apply(ctx, entry("change password", grant.username()));
            ctx.response().setStatusCode(204).end();
        }).onFailure(e -> {
            if (e instanceof UserFile.Refused refused) {
                json(ctx, 400, Map.of("error", refused.getMessage()));
            } else {
                ctx.fail(e);
            }
        });
    }

    private void logout(RoutingContext ctx) {
        Grant grant = ctx.user() == null ? null : currentGrant(ctx);
        Future<Void> recorded = grant == null ? Future.succeededFuture()
                : audit.apply(ctx, entry("sign out", grant.username()));
        recorded.onComplete(done -> {
            ctx.userContext().clear();
            if (ctx.session() == null) {
                ctx.response().setStatusCode(204).end();
                return;
            }
            ctx.session().destroy();
            // Gone from the store before the answer, so no request after it finds the session.
            sessions.flush(ctx).onComplete(flushed -> ctx.response().setStatusCode(204).end());
        });
    }

    private void session(RoutingContext ctx) {
        json(ctx, 200, sessionBody(grant(ctx), Boolean.TRUE.equals(ctx.session().get(MUST_CHANGE))));
    }

    private Map<String, Object> sessionBody(Grant grant, boolean mustChange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", grant.username());
        body.put("roles", grant.roles().stream().sorted().toList());
        body.put("icbs", grant.icbs().stream().sorted().toList());
        body.put(MUST_CHANGE, mustChange);
        body.put("sign_in", config.mode().name().toLowerCase(java.util.Locale.ROOT));
        return body;
    }

    private static Map<String, Object> entry(String what, String username) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("what", what);
        details.put("username", username);
        return details;
    }

    /** The request's JSON object, or null after answering 400. */
    private static JsonObject jsonBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            json(ctx, 400, Map.of("error", "send application/json"));
            return null;
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (RuntimeException notJson) {
            // answered below
        }
        json(ctx, 400, Map.of("error", "send a JSON object"));
        return null;
    }

    /** Where to go after signing in: a path on this site only, never another site. */
    static String safeNext(String next) {
        return next != null && next.matches("/(?![/\\\\]).*") && !next.contains("\r") && !next.contains("\n")
                ? next : "/index.html";
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(302).putHeader("Location", to).end();
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(ViewJson.write(body));
    }
}
