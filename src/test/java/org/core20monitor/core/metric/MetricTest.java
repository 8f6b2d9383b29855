package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one event adds to each metric (SPEC §5). */
class MetricTest {

    private static int[] contribution(Metric m, OutpatientEvent e) {
        return new int[] {m.numerator(e), m.denominator(e)};
    }

    @Test
    void attendedWithPifu() {
        OutpatientEvent e = TestEvents.attended(Outcome.PIFU, 1, "A");
        assertThat(contribution(Metric.PIFU_RATE, e)).containsExactly(1, 1);
        assertThat(contribution(Metric.DISCHARGE_RATE, e)).containsExactly(0, 1);
        assertThat(contribution(Metric.DNA_RATE, e)).containsExactly(0, 1);
    }

    @Test
    void attendedAndDischarged() {
        OutpatientEvent e = TestEvents.attended(Outcome.DISCHARGED, 1, "A");
        assertThat(contribution(Metric.PIFU_RATE, e)).containsExactly(0, 1);
        assertThat(contribution(Metric.DISCHARGE_RATE, e)).containsExactly(1, 1);
        assertThat(contribution(Metric.DNA_RATE, e)).containsExactly(0, 1);
    }

    @Test
    void attendedWithFollowUp() {
        OutpatientEvent e = TestEvents.attended(Outcome.FOLLOW_UP, 1, "A");
        assertThat(contribution(Metric.PIFU_RATE, e)).containsExactly(0, 1);
        assertThat(contribution(Metric.DISCHARGE_RATE, e)).containsExactly(0, 1);
        assertThat(contribution(Metric.DNA_RATE, e)).containsExactly(0, 1);
    }

    @Test
    void didNotAttend() {
        OutpatientEvent e = TestEvents.dna(1, "A");
        assertThat(contribution(Metric.PIFU_RATE, e)).containsExactly(0, 0);
        assertThat(contribution(Metric.DISCHARGE_RATE, e)).containsExactly(0, 0);
        assertThat(contribution(Metric.DNA_RATE, e)).containsExactly(1, 1);
    }

    @Test
    void aDnaCarryingAnOutcomeIsStillNotAPifu() {
        OutpatientEvent e = TestEvents.event(EventType.ATTENDANCE, AttendanceStatus.DNA, Outcome.PIFU, 1, "A");
        assertThat(contribution(Metric.PIFU_RATE, e)).containsExactly(0, 0);
        assertThat(contribution(Metric.DNA_RATE, e)).containsExactly(1, 1);
    }

    @ParameterizedTest
    @EnumSource(value = AttendanceStatus.class, names = {"CANCELLED_BY_PATIENT", "CANCELLED_BY_PROVIDER"})
    void cancellationsCountNowhere(AttendanceStatus status) {
        OutpatientEvent e = TestEvents.event(EventType.ATTENDANCE, status, null, 1, "A");
        for (Metric m : Metric.values()) {
            assertThat(contribution(m, e)).as(m.id).containsExactly(0, 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "ATTENDANCE", mode = EnumSource.Mode.EXCLUDE)
    void otherEventTypesCountNowhereEvenWithAttendanceFields(EventType type) {
        // a hand-built record that (wrongly) carries attendance fields must still not count
        OutpatientEvent e = TestEvents.event(type, AttendanceStatus.ATTENDED, Outcome.PIFU, 1, "A");
        assertThat(e.attended()).isFalse();
        for (Metric m : Metric.values()) {
            assertThat(contribution(m, e)).as(m.id).containsExactly(0, 0);
        }
        OutpatientEvent d = TestEvents.event(type, AttendanceStatus.DNA, null, 1, "A");
        assertThat(contribution(Metric.DNA_RATE, d)).containsExactly(0, 0);
    }

    @Test
    void idsAndCatalogue() {
        assertThat(Metric.values()).extracting(m -> m.id).containsExactly("pifu_rate", "discharge_rate", "dna_rate");
        for (Metric m : Metric.values()) {
            assertThat(Metric.byId(m.id)).isEqualTo(m);
            assertThat(m.unit()).isEqualTo("%");
            assertThat(List.of(m.label, m.numeratorDefinition, m.denominatorDefinition, m.targetText))
                    .allSatisfy(s -> assertThat(s).isNotBlank());
        }
        assertThat(Metric.PIFU_RATE.target).isEqualTo(5.0);
        assertThat(Metric.PIFU_RATE.direction).isEqualTo(Metric.Direction.HIGHER_IS_BETTER);
        assertThat(Metric.DNA_RATE.direction).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
        assertThat(Metric.DISCHARGE_RATE.direction).isEqualTo(Metric.Direction.CONTEXT);
        assertThatThrownBy(() -> Metric.byId("PIFU_RATE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.byId("fu_ratio")).isInstanceOf(IllegalArgumentException.class);
    }
}
