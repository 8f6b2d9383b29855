package org.core20monitor.web.auth;

import io.vertx.ext.web.AllowForwardHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How people sign in. {@code local} (the default, for the embedded mode and small installations)
 * reads a file of users with BCrypt password hashes, created on first run with a one-time password;
 * {@code oidc} signs in through an OpenID Connect provider (NHS Identity, Entra ID, Keycloak…) and
 * reads each user's roles and ICBs from claims of the ID token.
 *
 * <pre>
 * AUTH_MODE              local | oidc                    (local)
 * USERS_FILE             the local user file              (core20-users.json)
 * COOKIE_SECURE          session cookie only over HTTPS   (true)
 * SESSION_TIMEOUT_MIN    idle minutes before sign-out     (30)
 * LOGIN_MAX_FAILURES     failed sign-ins per user or address before a pause (5)
 * LOGIN_LOCKOUT_MIN      length of the pause, minutes     (15)
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_CALLBACK_URL
 * OIDC_ROLES_CLAIM       claim listing the user's roles   (core20_roles)
 * OIDC_ICBS_CLAIM        claim listing the user's ICBs    (core20_icbs)
 * FORWARDED_HEADERS      none | forward | x_forward | all (none): trust the proxy's Forwarded or
 *                        X-Forwarded-For/-Proto headers for the client's address and scheme. Set it
 *                        only behind a proxy that overwrites them; otherwise every user behind the
 *                        ingress shares its address (one sign-in throttle, one address in the audit log)
 * </pre>
 */
public record AuthConfig(Mode mode, Path usersFile, boolean cookieSecure, Duration sessionTimeout,
                         int maxFailures, Duration lockout, Oidc oidc, AllowForwardHeaders forwardedHeaders) {

    public enum Mode { LOCAL, OIDC }

    /** Where the OpenID Connect provider is and which claims carry roles and ICBs. */
    public record Oidc(String issuer, String clientId, String clientSecret, String callbackUrl,
                       String rolesClaim, String icbsClaim) {}

    public static AuthConfig fromEnvironment(Map<String, String> env) {
        Mode mode = switch (env.getOrDefault("AUTH_MODE", "local").toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> Mode.LOCAL;
            case "oidc" -> Mode.OIDC;
            default -> throw new IllegalArgumentException("AUTH_MODE must be local or oidc, was " + env.get("AUTH_MODE"));
        };
        Oidc oidc = null;
        if (mode == Mode.OIDC) {
            oidc = new Oidc(required(env, "OIDC_ISSUER"), required(env, "OIDC_CLIENT_ID"),
                    required(env, "OIDC_CLIENT_SECRET"), required(env, "OIDC_CALLBACK_URL"),
                    env.getOrDefault("OIDC_ROLES_CLAIM", "core20_roles"),
                    env.getOrDefault("OIDC_ICBS_CLAIM", "core20_icbs"));
        }
        return new AuthConfig(mode,
                Path.of(env.getOrDefault("USERS_FILE", "core20-users.json")),
                Boolean.parseBoolean(env.getOrDefault("COOKIE_SECURE", "true")),
                Duration.ofMinutes(Long.parseLong(env.getOrDefault("SESSION_TIMEOUT_MIN", "30"))),
                Integer.parseInt(env.getOrDefault("LOGIN_MAX_FAILURES", "5")),
                Duration.ofMinutes(Long.parseLong(env.getOrDefault("LOGIN_LOCKOUT_MIN", "15"))),
                oidc, forwardedHeaders(env.getOrDefault("FORWARDED_HEADERS", "none")));
    }

    private static AllowForwardHeaders forwardedHeaders(String value) {
        try {
            return AllowForwardHeaders.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FORWARDED_HEADERS must be none, forward, x_forward or all, was " + value);
        }
    }

    /** The same, with the session cookie Secure-only or not. */
    public AuthConfig withCookieSecure(boolean secure) {
        return new AuthConfig(mode, usersFile, secure, sessionTimeout, maxFailures, lockout, oidc, forwardedHeaders);
    }

    /** The same, trusting the given proxy headers. */
    public AuthConfig withForwardedHeaders(AllowForwardHeaders headers) {
        return new AuthConfig(mode, usersFile, cookieSecure, sessionTimeout, maxFailures, lockout, oidc, headers);
    }

    /** Local sign-in from the given user file, with the other settings at their defaults. */
    public static AuthConfig local(Path usersFile, boolean cookieSecure) {
        return new AuthConfig(Mode.LOCAL, usersFile, cookieSecure, Duration.ofMinutes(30), 5,
                Duration.ofMinutes(15), null, AllowForwardHeaders.NONE);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required with AUTH_MODE=oidc");
        }
        return value;
    }
}
