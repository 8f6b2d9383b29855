package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ScopeRouting;
import org.junit.jupiter.api.Test;

class ScopeGroupsTest {

    @Test
    void anEventsScopesSplitIntoItsIcbsAndEnglandsEachScopeOnce() {
        List<String> scopes = new ScopeRouting(ClinicalAreas.DEFAULT).scopes("QWE", "RJ7", "501", 30)
                .stream().map(Scope::id).toList();
        List<List<String>> groups = ScopeGroups.split(scopes);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).allSatisfy(s -> assertThat(s).startsWith("*."));
        assertThat(groups.get(1)).allSatisfy(s -> assertThat(s).startsWith("QWE."));
        assertThat(groups.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(scopes);
        assertThat(ScopeGroups.of(Scope.ENGLAND.id())).isEqualTo("*");
        assertThat(ScopeGroups.of("QWE.RJ7.*.*")).isEqualTo("QWE");
    }
}
