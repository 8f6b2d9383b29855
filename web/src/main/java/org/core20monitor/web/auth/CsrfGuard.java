package org.core20monitor.web.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.view.ViewJson;

/**
 * Cross-site request forgery protection by a synchronizer token: each session has one random token,
 * given to the page in the readable {@code XSRF-TOKEN} cookie, and every POST, PUT, PATCH or DELETE
 * must send it back in the {@code X-XSRF-TOKEN} header. Another site can make a browser send the
 * cookies but cannot read them to set the header. The token stays the same for the session, so that
 * a refused form (a 400 listing its problems) can be corrected and sent again.
 *
 * <p>(Vert.x's CSRFHandler renews the token on each state-changing request, but the session is
 * saved only after a successful response; after a 400 the browser then holds a token the session
 * does not, and the corrected resubmission would be refused.)
 */
final class CsrfGuard implements Handler<RoutingContext> {

    static final String COOKIE = "XSRF-TOKEN";
    static final String HEADER = "X-XSRF-TOKEN";
    private static final String KEY = "csrf_token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final boolean secureCookie;
    private final SecureRandom random = new SecureRandom();

    CsrfGuard(boolean secureCookie) {
        this.secureCookie = secureCookie;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Session session = ctx.session();
        String token = session.get(KEY);
        if (token == null) {
            token = newToken();
            session.put(KEY, token);
        }
        Cookie sent = ctx.request().getCookie(COOKIE);
        if (sent == null || !sent.getValue().equals(token)) {
            give(ctx, token);
        }
        if (!SAFE.contains(ctx.request().method()) && !matches(ctx.request().getHeader(HEADER), token)) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .end(ViewJson.write(Map.of("error", "this request lacks the page's CSRF token: reload the page and try again")));
            return;
        }
        ctx.next();
    }

    /** A new token for the session (at sign-in), sent to the page with this response. */
    void renew(RoutingContext ctx) {
        String token = newToken();
        ctx.session().put(KEY, token);
        give(ctx, token);
    }

    private void give(RoutingContext ctx, String token) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(false)
                .setSecure(secureCookie).setSameSite(CookieSameSite.STRICT));
    }

    private static boolean matches(String header, String token) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
