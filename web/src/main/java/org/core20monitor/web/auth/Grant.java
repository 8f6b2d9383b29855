package org.core20monitor.web.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.core20monitor.core.view.Scope;

/**
 * What a signed-in person may do: their roles and the ICBs whose figures they may see.
 *
 * <p>Roles: {@code viewer} reads dashboards and exports board papers; {@code programme_lead} also
 * registers, edits and closes EHIA service changes; {@code admin} also reads the audit log. A role
 * does not imply another: an admin who should see dashboards is also given {@code viewer}.
 *
 * <p>ICBs: the ODS codes granted, or {@code *} for every ICB. England's own headline figures are
 * the national comparator every user sees; England-wide figures for a provider, specialty or
 * clinical area draw on every ICB's patients, so they need {@code *}.
 */
public record Grant(String username, Set<String> roles, Set<String> icbs) {

    public static final String VIEWER = "viewer";
    public static final String PROGRAMME_LEAD = "programme_lead";
    public static final String ADMIN = "admin";
    public static final Set<String> ROLES = Set.of(VIEWER, PROGRAMME_LEAD, ADMIN);
    public static final String ALL_ICBS = "*";

    private static final Pattern ICB = Pattern.compile("[A-Z0-9]{3}");

    public Grant {
        roles = Set.copyOf(roles);
        icbs = Set.copyOf(icbs);
    }

    /** Why a grant cannot be used as written: unknown roles, malformed ICB codes, none of either. */
    public static List<String> problems(Collection<String> roles, Collection<String> icbs) {
        List<String> problems = new ArrayList<>();
        if (roles.isEmpty()) {
            problems.add("give at least one role (" + String.join(", ", ROLES) + ")");
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                problems.add("unknown role '" + role + "' (one of " + String.join(", ", ROLES) + ")");
            }
        }
        if (icbs.isEmpty()) {
            problems.add("give at least one ICB code, or * for every ICB");
        }
        for (String icb : icbs) {
            if (!icb.equals(ALL_ICBS) && !ICB.matcher(icb).matches()) {
                problems.add("'" + icb + "' is not a 3-character ICB code (or *)");
            }
        }
        return problems;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean allIcbs() {
        return icbs.contains(ALL_ICBS);
    }

    /** May this person see figures for the scope? */
    public boolean canSee(Scope scope) {
        if (!has(VIEWER) && !has(PROGRAMME_LEAD)) {
            return false;
        }
        if (allIcbs()) {
            return true;
        }
        if (scope.icb() == null) {
            return scope.provider() == null && scope.specialty() == null && scope.area() == null;
        }
        return icbs.contains(scope.icb());
    }

    /** May this person register or change a service change in the scope? */
    public boolean canManageChanges(Scope scope) {
        return has(PROGRAMME_LEAD) && scope.icb() != null && (allIcbs() || icbs.contains(scope.icb()));
    }

    /** The grant as kept in the session's user. */
    public JsonObject principal() {
        return new JsonObject().put("username", username)
                .put("roles", new JsonArray(roles.stream().sorted().toList()))
                .put("icbs", new JsonArray(icbs.stream().sorted().toList()));
    }

    /** The grant of a signed-in user, or null for nobody. */
    public static Grant of(User user) {
        if (user == null) {
            return null;
        }
        JsonObject p = user.principal();
        if (p.containsKey("icbs") && p.containsKey("roles")) {
            return new Grant(p.getString("username"), strings(p.getJsonArray("roles")), strings(p.getJsonArray("icbs")));
        }
        return null;
    }

    /**
     * The grant an OpenID Connect provider gives in the ID token's claims: the username from
     * {@code preferred_username} (or {@code email}, or {@code sub}), roles and ICBs from the
     * configured claims, each a list or a space/comma-separated string.
     */
    public static Grant fromClaims(JsonObject claims, String rolesClaim, String icbsClaim) {
        if (claims == null) {
            return null;
        }
        String name = claims.getString("preferred_username", claims.getString("email", claims.getString("sub")));
        return new Grant(name, claimValues(claims.getValue(rolesClaim)), claimValues(claims.getValue(icbsClaim)));
    }

    private static Set<String> claimValues(Object value) {
        if (value instanceof JsonArray array) {
            return strings(array);
        }
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof String s) {
            for (String part : s.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    static Set<String> strings(JsonArray array) {
        Set<String> values = new LinkedHashSet<>();
        if (array != null) {
            for (Object o : array) {
                if (o != null) {
                    values.add(o.toString().trim());
                }
            }
        }
        return values;
    }
}
