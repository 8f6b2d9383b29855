package org.core20monitor.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.util.Set;
import org.core20monitor.core.view.Scope;
import org.junit.jupiter.api.Test;

/** Which scopes a grant sees and manages, and grants read from a session user or OpenID claims. */
class GrantTest {

    private static final Grant QWE_VIEWER = new Grant("v", Set.of(Grant.VIEWER), Set.of("QWE"));
    private static final Grant QWE_LEAD = new Grant("l", Set.of(Grant.VIEWER, Grant.PROGRAMME_LEAD), Set.of("QWE"));
    private static final Grant EVERYWHERE = new Grant("a", Set.of(Grant.VIEWER), Set.of("*"));
    private static final Grant ADMIN_ONLY = new Grant("x", Set.of(Grant.ADMIN), Set.of("*"));

    @Test
    void scopesSeen() {
        assertThat(QWE_VIEWER.canSee(Scope.icb("QWE"))).isTrue();
        assertThat(QWE_VIEWER.canSee(new Scope("QWE", "RJ7", null, null))).isTrue();
        assertThat(QWE_VIEWER.canSee(new Scope("QWE", null, "330", null))).isTrue();
        assertThat(QWE_VIEWER.canSee(Scope.icb("QHL"))).isFalse();
        assertThat(QWE_VIEWER.canSee(new Scope("QHL", null, null, "cancer"))).isFalse();
        assertThat(QWE_VIEWER.canSee(Scope.ENGLAND)).as("the national comparator").isTrue();
        assertThat(QWE_VIEWER.canSee(new Scope(null, "RJ7", null, null))).as("England-wide provider").isFalse();
        assertThat(QWE_VIEWER.canSee(new Scope(null, null, "330", null))).isFalse();
        assertThat(EVERYWHERE.canSee(new Scope(null, "RJ7", null, null))).isTrue();
        assertThat(EVERYWHERE.canSee(Scope.icb("QHL"))).isTrue();
        assertThat(ADMIN_ONLY.canSee(Scope.ENGLAND)).as("admin is not a viewer").isFalse();
    }

    @Test
    void changesManaged() {
        assertThat(QWE_LEAD.canManageChanges(Scope.icb("QWE"))).isTrue();
        assertThat(QWE_LEAD.canManageChanges(new Scope("QWE", null, "330", null))).isTrue();
        assertThat(QWE_LEAD.canManageChanges(Scope.icb("QHL"))).isFalse();
        assertThat(QWE_LEAD.canManageChanges(Scope.ENGLAND)).isFalse();
        assertThat(QWE_VIEWER.canManageChanges(Scope.icb("QWE"))).isFalse();
    }

    @Test
    void readFromTheSessionUserAndFromOpenIdClaims() {
        assertThat(Grant.of(User.create(QWE_LEAD.principal()))).isEqualTo(QWE_LEAD);
        assertThat(Grant.of(User.fromName("someone"))).isNull();
        Grant fromList = Grant.fromClaims(new JsonObject().put("preferred_username", "jo@nhs.net")
                .put("core20_roles", new JsonArray().add("viewer")).put("core20_icbs", new JsonArray().add("QWE")),
                "core20_roles", "core20_icbs");
        assertThat(fromList).isEqualTo(new Grant("jo@nhs.net", Set.of("viewer"), Set.of("QWE")));
        Grant fromString = Grant.fromClaims(new JsonObject().put("sub", "abc").put("roles", "viewer programme_lead")
                .put("icbs", "QWE,QHL"), "roles", "icbs");
        assertThat(fromString).isEqualTo(new Grant("abc", Set.of("viewer", "programme_lead"), Set.of("QWE", "QHL")));
        Grant none = Grant.fromClaims(new JsonObject().put("sub", "abc"), "roles", "icbs");
        assertThat(none.canSee(Scope.ENGLAND)).as("no claims, no access").isFalse();
    }
}
