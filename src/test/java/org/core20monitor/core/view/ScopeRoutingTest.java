package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.core20monitor.core.reference.ClinicalAreas;
import org.junit.jupiter.api.Test;

/** The scopes one event counts in (SPEC §6, §8). */
class ScopeRoutingTest {

    private static final ScopeRouting ROUTING = new ScopeRouting(ClinicalAreas.DEFAULT);

    @Test
    void anEventOutsideTheClinicalAreasCountsInSixScopes() {
        assertThat(ROUTING.scopes("QWE", "RXX", "330", 47)).containsExactly(
                Scope.ENGLAND,
                new Scope("QWE", null, null, null),
                new Scope(null, "RXX", null, null),
                new Scope(null, null, "330", null),
                new Scope("QWE", "RXX", null, null),
                new Scope("QWE", null, "330", null));
    }

    @Test
    void anEventInAnAreaAlsoCountsInTheAreaAndTheIcbsArea() {
        assertThat(ROUTING.scopes("QWE", "RXX", "711", 40)).containsExactly(
                Scope.ENGLAND,
                new Scope("QWE", null, null, null),
                new Scope(null, "RXX", null, null),
                new Scope(null, null, "711", null),
                new Scope("QWE", "RXX", null, null),
                new Scope("QWE", null, "711", null),
                new Scope(null, null, null, "smi"),
                new Scope("QWE", null, null, "smi"));
    }

    @Test
    void theAreaDependsOnAge() {
        List<Scope> child = ROUTING.scopes("QKK", "RJ1", "711", 12);
        assertThat(child).hasSize(8);
        assertThat(child.subList(6, 8)).containsExactly(new Scope(null, null, null, "cyp_mental_health"),
                new Scope("QKK", null, null, "cyp_mental_health"));
        assertThat(ROUTING.scopes("QKK", "RJ1", "711", null)).contains(new Scope(null, null, null, "smi"));
        assertThat(ROUTING.scopes("QKK", "RJ1", "140", 30)).hasSize(6);
        assertThat(ROUTING.scopes("QKK", "RJ1", "501", 30)).endsWith(new Scope(null, null, null, "maternity"),
                new Scope("QKK", null, null, "maternity"));
    }

    @Test
    void anEventInTwoAreasCountsInBoth() {
        ScopeRouting routing = new ScopeRouting(ClinicalAreas.parse(List.of("a=100", "b=100")));
        assertThat(routing.scopes("QWE", "RXX", "100", 30)).hasSize(10).endsWith(
                new Scope(null, null, null, "a"), new Scope("QWE", null, null, "a"),
                new Scope(null, null, null, "b"), new Scope("QWE", null, null, "b"));
        assertThat(routing.areas().ids()).containsExactly("a", "b");
    }

    @Test
    void scopesAreDistinct() {
        List<Scope> scopes = ROUTING.scopes("QWE", "RXX", "711", 40);
        assertThat(scopes).doesNotHaveDuplicates();
        assertThat(scopes.get(0).isEngland()).isTrue();
        assertThat(scopes.stream().filter(Scope::isEngland)).hasSize(1);
    }
}
