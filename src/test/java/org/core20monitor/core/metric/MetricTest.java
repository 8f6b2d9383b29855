package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
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
        for (Appointment appointment : Appointment.values()) {
            // with and without (wrongly) carried medium and outcome
            for (OutpatientEvent e : List.of(TestEvents.attendance(appointment, status, null, null),
                    TestEvents.attendance(appointment, status, Medium.VIDEO, Outcome.PIFU))) {
                for (Metric m : Metric.values()) {
                    assertThat(contribution(m, e)).as(m.id).containsExactly(0, 0);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "ATTENDANCE", mode = EnumSource.Mode.EXCLUDE)
    void otherEventTypesCountNowhereEvenWithAttendanceFields(EventType type) {
        // a hand-built record that (wrongly) carries attendance fields must still not count as an attendance;
        // advice requests and PIFU returns count only in the numerator of their own rate
        OutpatientEvent e = TestEvents.builder(type).appointment(Appointment.FIRST)
                .attendance(AttendanceStatus.ATTENDED).medium(Medium.VIDEO).outcome(Outcome.PIFU).build();
        assertThat(e.attended()).isFalse();
        for (Metric m : Metric.values()) {
            int expectedNumerator = m == Metric.ADVICE_PER_100_FIRST && type == EventType.ADVICE_REQUEST
                    || m == Metric.PIFU_RETURN_RATE && type == EventType.PIFU_RETURN ? 1 : 0;
            assertThat(contribution(m, e)).as(m.id).containsExactly(expectedNumerator, 0);
        }
        OutpatientEvent d = TestEvents.event(type, AttendanceStatus.DNA, null, 1, "A");
        assertThat(contribution(Metric.DNA_RATE, d)).containsExactly(0, 0);
    }

    // ---------------------------------------------------------------- every event metric, every event type

    private static final Metric[] EVENT_METRICS = Metric.EVENT_METRICS;

    /** Numerator and denominator of each of {@link Metric#EVENT_METRICS}, in its order, for one event. */
    private static void assertContributions(OutpatientEvent e, int[][] expected) {
        assertThat(expected.length).isEqualTo(EVENT_METRICS.length);
        for (int i = 0; i < EVENT_METRICS.length; i++) {
            assertThat(contribution(EVENT_METRICS[i], e)).as("%s of %s", EVENT_METRICS[i].id, e)
                    .containsExactly(expected[i]);
        }
    }

    @Test
    void eventMetricsAreTheEightOfSpecSection5InOrder() {
        assertThat(EVENT_METRICS).containsExactly(Metric.PIFU_RATE, Metric.DISCHARGE_RATE, Metric.DNA_RATE,
                Metric.REMOTE_SHARE, Metric.FU_RATIO, Metric.ADVICE_PER_100_FIRST, Metric.PIFU_RETURN_RATE,
                Metric.OPFU_CHANGE);
        for (Metric m : Metric.values()) {
            assertThat(m.source == Metric.Source.EVENTS).as(m.id).isEqualTo(List.of(EVENT_METRICS).contains(m));
        }
    }

    @Test
    void firstAttendedFaceToFaceDischarged() {
        OutpatientEvent e = TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED, Medium.FACE_TO_FACE,
                Outcome.DISCHARGED);
        //                     pifu    discharge dna     remote  fu      advice  return  opfu
        assertContributions(e, new int[][] {{0, 1}, {1, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 0}, {0, 0}});
    }

    @Test
    void firstAttendedByTelephoneToPifu() {
        OutpatientEvent e = TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED, Medium.TELEPHONE,
                Outcome.PIFU);
        assertContributions(e, new int[][] {{1, 1}, {0, 1}, {0, 1}, {1, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 0}});
    }

    @Test
    void followUpAttendedByVideoToFollowUp() {
        OutpatientEvent e = TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO,
                Outcome.FOLLOW_UP);
        assertContributions(e, new int[][] {{0, 1}, {0, 1}, {0, 1}, {1, 1}, {1, 0}, {0, 0}, {0, 0}, {1, 0}});
    }

    @Test
    void followUpAttendedFaceToFaceToPifu() {
        OutpatientEvent e = TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED,
                Medium.FACE_TO_FACE, Outcome.PIFU);
        assertContributions(e, new int[][] {{1, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 0}, {0, 0}, {0, 1}, {1, 0}});
    }

    @ParameterizedTest
    @EnumSource(Appointment.class)
    void aDnaIsInTheDnaRateOnly(Appointment appointment) {
        OutpatientEvent e = TestEvents.attendance(appointment, AttendanceStatus.DNA, null, null);
        assertContributions(e, new int[][] {{0, 0}, {0, 0}, {1, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}});
        // medium and outcome wrongly carried on a DNA change nothing
        OutpatientEvent odd = TestEvents.attendance(appointment, AttendanceStatus.DNA, Medium.VIDEO, Outcome.PIFU);
        assertContributions(odd, new int[][] {{0, 0}, {0, 0}, {1, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}});
    }

    @Test
    void anAdviceRequestIsInTheAdviceNumeratorOnly() {
        OutpatientEvent e = TestEvents.builder(EventType.ADVICE_REQUEST).build();
        assertContributions(e, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 0}, {0, 0}, {0, 0}});
    }

    @Test
    void aPifuReturnIsInThePifuReturnNumeratorOnly() {
        OutpatientEvent e = TestEvents.builder(EventType.PIFU_RETURN).build();
        assertContributions(e, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 0}, {0, 0}});
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"REFERRAL", "CLOCK_STOP", "WAITLIST_REMOVAL"})
    void pathwayEventsCountInNoEventMetric(EventType type) {
        OutpatientEvent e = TestEvents.builder(type).clockStart(20_000).build();
        assertContributions(e, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}});
    }

    @Test
    void waitMetricsTakeNothingFromEvents() {
        OutpatientEvent e = TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO,
                Outcome.PIFU);
        for (Metric m : Metric.values()) {
            if (m.source != Metric.Source.EVENTS) {
                assertThat(contribution(m, e)).as(m.id).containsExactly(0, 0);
            }
        }
    }

    @Test
    void idsAndCatalogue() {
        assertThat(Metric.values()).extracting(m -> m.id).containsExactly("pifu_rate", "discharge_rate", "dna_rate",
                "remote_share", "fu_ratio", "advice_per_100_first", "pifu_return_rate", "opfu_change",
                "waiting_list", "within_18w", "over_52w", "over_65w", "over_78w", "over_104w", "median_wait_weeks",
                "median_wait_completed");
        for (Metric m : Metric.values()) {
            assertThat(Metric.byId(m.id)).isEqualTo(m);
            assertThat(m.unit()).isEqualTo(m.kind.unit);
            assertThat(List.of(m.label, m.numeratorDefinition, m.targetText))
                    .allSatisfy(s -> assertThat(s).isNotBlank());
            // only counts and medians have no denominator
            assertThat(m.denominatorDefinition == null)
                    .as(m.id).isEqualTo(m.kind == Metric.Kind.COUNT || m.kind == Metric.Kind.MEDIAN);
        }
        assertThat(Metric.values()).extracting(m -> m.kind).containsExactly(
                Metric.Kind.PROPORTION, Metric.Kind.PROPORTION, Metric.Kind.PROPORTION, Metric.Kind.PROPORTION,
                Metric.Kind.RATIO, Metric.Kind.RATE_PER_100, Metric.Kind.RATE_PER_100, Metric.Kind.CHANGE,
                Metric.Kind.COUNT, Metric.Kind.PROPORTION, Metric.Kind.PROPORTION, Metric.Kind.PROPORTION,
                Metric.Kind.PROPORTION, Metric.Kind.PROPORTION, Metric.Kind.MEDIAN, Metric.Kind.MEDIAN);
        assertThat(Metric.values()).extracting(m -> m.source).containsExactly(
                Metric.Source.EVENTS, Metric.Source.EVENTS, Metric.Source.EVENTS, Metric.Source.EVENTS,
                Metric.Source.EVENTS, Metric.Source.EVENTS, Metric.Source.EVENTS, Metric.Source.EVENTS,
                Metric.Source.WAITS, Metric.Source.WAITS, Metric.Source.WAITS, Metric.Source.WAITS,
                Metric.Source.WAITS, Metric.Source.WAITS, Metric.Source.WAITS, Metric.Source.COMPLETED);
        assertThat(Metric.PIFU_RATE.unit()).isEqualTo("%");
        assertThat(Metric.FU_RATIO.unit()).isEqualTo("ratio");
        assertThat(Metric.ADVICE_PER_100_FIRST.unit()).isEqualTo("per 100");
        assertThat(Metric.WAITING_LIST.unit()).isEqualTo("count");
        assertThat(Metric.MEDIAN_WAIT_WEEKS.unit()).isEqualTo("weeks");
        assertThat(Metric.PIFU_RATE.target).isEqualTo(5.0);
        assertThat(Metric.REMOTE_SHARE.target).isEqualTo(25.0);
        assertThat(Metric.ADVICE_PER_100_FIRST.target).isEqualTo(16.0);
        assertThat(Metric.OPFU_CHANGE.target).isEqualTo(-25.0);
        assertThat(Metric.WITHIN_18W.target).isEqualTo(92.0);
        assertThat(Metric.OVER_52W.target).isEqualTo(0.0);
        assertThat(Metric.PIFU_RATE.direction).isEqualTo(Metric.Direction.HIGHER_IS_BETTER);
        assertThat(Metric.DNA_RATE.direction).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
        assertThat(Metric.DISCHARGE_RATE.direction).isEqualTo(Metric.Direction.CONTEXT);
        assertThat(Metric.PIFU_RETURN_RATE.direction).isEqualTo(Metric.Direction.CONTEXT);
        assertThat(Metric.DAYS_18W).isEqualTo(126);
        assertThatThrownBy(() -> Metric.byId("PIFU_RATE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.byId("fu_rate")).isInstanceOf(IllegalArgumentException.class);
    }
}
