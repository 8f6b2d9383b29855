package org.core20monitor.core.ehia;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.view.Scope;
import org.junit.jupiter.api.Test;

class ServiceChangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    static ServiceChange dermatologyPifu() {
        return new ServiceChange(null, "PIFU in dermatology at RXX", new Scope("QWE", null, "330", null), "2026-04-01",
                List.of("pifu_rate", "dna_rate"), List.of("imd_quintile", "ethnicity_group", "plus:CARER"), "2025-04",
                "2026-03", null, null, null, null, null);
    }

    private static List<String> problems(ServiceChange c) {
        return c.problems(Breakdowns.standard(), ClinicalAreas.DEFAULT, TODAY);
    }

    @Test
    void aCompleteChangeHasNoProblems() {
        assertThat(problems(dermatologyPifu())).isEmpty();
    }

    @Test
    void everyProblemIsNamedByItsField() {
        ServiceChange bad = new ServiceChange(null, " x", new Scope("QW", "RXX", "33", "moon"), "2026-13-01",
                List.of("pifu_rate", "joy"), List.of("imd_quintile", "star_sign"), "2026-05", "2026-04", null, null,
                null, null, null);
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "name: give the change a name of 3 to 120 characters",
                "scope.icb: must be a 3-character ODS code, was 'QW'",
                "scope.specialty: must be a 3-digit treatment function code, was '33'",
                "scope.area: unknown area 'moon' (one of " + ClinicalAreas.DEFAULT.ids() + ")",
                "scope: choose at most one of provider, specialty and area",
                "go_live: must be a date YYYY-MM-DD, was '2026-13-01'",
                "metrics: unknown metric 'joy'",
                "groups: 'star_sign' is not one of " + String.join(", ",
                        ServiceChange.watchableGroups(Breakdowns.standard())),
                "baseline_from: must not be after baseline_to");
    }

    @Test
    void theBaselineEndsBeforeGoLiveAndIsAtMostTwoYears() {
        ServiceChange c = dermatologyPifu();
        ServiceChange overlapping = new ServiceChange(null, c.name(), c.scope(), "2026-04-15", c.metrics(), c.groups(),
                "2025-04", "2026-04", null, null, null, null, null);
        assertThat(problems(overlapping)).containsExactly(
                "baseline_to: the baseline must end before the go-live month (2026-04)");
        ServiceChange long_ = new ServiceChange(null, c.name(), c.scope(), c.goLive(), c.metrics(), c.groups(),
                "2023-01", "2026-03", null, null, null, null, null);
        assertThat(problems(long_)).containsExactly("baseline: at most 24 months");
    }

    @Test
    void missingFieldsAndAnUnrestrictedScopeAreRefused() {
        ServiceChange empty = new ServiceChange(null, null, Scope.ENGLAND, null, List.of(), null, null, "2026-3", null,
                null, null, null, null);
        assertThat(problems(empty)).hasSize(7).anySatisfy(p -> assertThat(p).startsWith("scope: say where"))
                .anySatisfy(p -> assertThat(p).startsWith("go_live: the date"))
                .anySatisfy(p -> assertThat(p).isEqualTo("baseline_to: a month YYYY-MM is required, was '2026-3'"));
        assertThat(problems(new ServiceChange(null, "Far future", new Scope("QWE", null, null, null), "2028-01-01",
                List.of("pifu_rate"), List.of("sex"), "2027-01", "2027-12", null, null, null, null, null)))
                .containsExactly("go_live: must be between 2019-04-01 and a year from today, was 2028-01-01");
    }

    @Test
    void editKeepsIdentityAndCloseStampsTheTime() {
        ServiceChange registered = dermatologyPifu().registered("chg-000000000001", "2026-11-24T09:00:00Z", "lead");
        assertThat(registered.status()).isEqualTo(ServiceChange.OPEN);
        ServiceChange renamed = new ServiceChange("chg-ffffffffffff", "Renamed", registered.scope(), registered.goLive(),
                registered.metrics(), registered.groups(), registered.baselineFrom(), registered.baselineTo(),
                "CLOSED", null, "someone", null, null);
        ServiceChange edited = registered.editedTo(renamed, "2026-11-25T09:00:00Z");
        assertThat(edited.id()).isEqualTo("chg-000000000001");
        assertThat(edited.name()).isEqualTo("Renamed");
        assertThat(edited.status()).isEqualTo(ServiceChange.OPEN);
        assertThat(edited.createdBy()).isEqualTo("lead");
        ServiceChange closed = edited.closed("2026-11-26T09:00:00Z");
        assertThat(closed.status()).isEqualTo(ServiceChange.CLOSED);
        assertThat(closed.closedAt()).isEqualTo("2026-11-26T09:00:00Z");
    }

    @Test
    void repeatsAndControlCharactersAreRefused() {
        ServiceChange c = dermatologyPifu();
        ServiceChange repeated = new ServiceChange(null, "Bad\u0001name", c.scope(), c.goLive(),
                List.of("pifu_rate", "pifu_rate"), List.of("sex", "sex", "sex"), c.baselineFrom(), c.baselineTo(), null,
                null, null, null, null);
        assertThat(problems(repeated)).containsExactly(
                "name: use letters, digits, spaces and punctuation only (no control characters)",
                "metrics: 'pifu_rate' is listed more than once",
                "groups: 'sex' is listed more than once");
    }
}
