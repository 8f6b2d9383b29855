package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.WaitStats;
import org.junit.jupiter.api.Test;

/**
 * Waits from hand-made pathways: threshold crossings, removals, clock stops, a stop that carries the
 * clock start, a late stop and a late referral. Each month-end waiting list, each month's completed
 * pathways and the live list are checked against waits worked out by hand, at several watermarks.
 */
class PathwayTrackerTest {

    private static final String ENGLAND = "*.*.*.*";
    private static final long DAY = 86_400_000L;
    private static final int[] SLOTS = CellAggregatorTest.slots();

    private KeyedBroadcastOperatorTestHarness<String, PathwayEvent, Long, CellInput> harness;

    @Test
    void monthEndWaitingListsCompletedPathwaysAndTheLiveList() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new PathwayTracker(7L * DAY, 400L * DAY), PathwayEvent::pathwayId, Types.STRING, EventClock.STATE);

        referral("P3", "2025-09-01");
        watermarkAtEndOf("2025-12");
        assertThat(monthEnd("2025-09")).isEqualTo(waits(29));
        assertThat(monthEnd("2025-12")).isEqualTo(waits(121));

        referral("P1", "2026-01-10");
        referral("P2", "2026-01-20");
        watermarkAtEndOf("2026-01");
        referral("P4", "2026-02-15");
        stop("P5", EventType.CLOCK_STOP, "2026-02-10", "2025-12-01"); // no referral: the stop carries the clock start
        assertThat(monthEnd("2025-12")).as("P5's late clock start reaches back").isEqualTo(waits(121, 30));
        assertThat(monthEnd("2026-01")).isEqualTo(waits(152, 21, 11, 61));
        WaitStats january = WaitStats.of(monthEnd("2026-01"));
        assertThat(january.within18w()).as("P3 crossed 18 weeks (126 days) on 6 January").isEqualTo(3);
        assertThat(january.medianDays()).isEqualTo((21 + 61) / 2.0);

        watermarkAtEndOf("2026-02");
        assertThat(monthEnd("2026-02")).isEqualTo(waits(180, 49, 39, 13));
        stop("P2", EventType.CLOCK_STOP, "2026-03-05", null);
        watermarkAtEndOf("2026-03");
        assertThat(monthEnd("2026-03")).isEqualTo(waits(211, 80, 44));

        // Late: P4 was removed on 28 February (not open at that month end), and P6 was referred on 1 November.
        stop("P4", EventType.WAITLIST_REMOVAL, "2026-02-28", null);
        referral("P6", "2025-11-01");
        assertThat(monthEnd("2025-11")).isEqualTo(waits(90, 29));
        assertThat(monthEnd("2025-12")).isEqualTo(waits(121, 30, 60));
        assertThat(monthEnd("2026-01")).isEqualTo(waits(152, 21, 11, 61, 91));
        assertThat(monthEnd("2026-02")).isEqualTo(waits(180, 49, 39, 119));
        assertThat(monthEnd("2026-03")).isEqualTo(waits(211, 80, 150));
        WaitStats march = WaitStats.of(monthEnd("2026-03"));
        assertThat(march.pathways()).isEqualTo(3);
        assertThat(march.within18w()).isEqualTo(1);
        assertThat(march.over52w()).isZero();
        assertThat(march.medianDays()).isEqualTo(150.0);

        stop("P3", EventType.WAITLIST_REMOVAL, "2026-04-10", null);
        watermarkAtEndOf("2026-04");
        assertThat(monthEnd("2026-04")).isEqualTo(waits(110, 180));
        assertThat(completed("2026-02")).as("P5 stopped after 71 days").isEqualTo(waits(71));
        assertThat(completed("2026-03")).as("P2 stopped after 44 days").isEqualTo(waits(44));
        assertThat(completed("2026-04")).as("removals are not completed pathways").isEmpty();

        // The live list holds the pathways still open, by clock start: P1 and P6.
        Map<Long, Long> live = new TreeMap<>();
        boolean p3CrossedAThreshold = false;
        for (Object o : harness.getSideOutput(PathwayTracker.LIVE)) {
            LiveWaitChange change = ((StreamRecord<LiveWaitChange>) o).getValue();
            assertThat(change.scopeIds()).containsExactly(ENGLAND);
            live.merge(change.startDay(), (long) change.sign(), Long::sum);
            p3CrossedAThreshold |= change.sign() == 0 && change.startDay() == day("2025-09-01");
        }
        live.values().removeIf(v -> v == 0);
        assertThat(live).isEqualTo(Map.of(day("2026-01-10"), 1L, day("2025-11-01"), 1L));
        assertThat(p3CrossedAThreshold).as("a threshold signal when P3 passed 126 days").isTrue();
        harness.close();
    }

    @Test
    void aWatermarkThatJumpsPastTheStopsMonthStillCountsEveryMonthEndBeforeIt() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new PathwayTracker(7L * DAY, 400L * DAY), PathwayEvent::pathwayId, Types.STRING, EventClock.STATE);
        referral("Q1", "2026-01-10");
        stop("Q1", EventType.CLOCK_STOP, "2026-03-05", null);
        // One step from before January's end to past March's end plus the allowed lateness.
        long jump = Periods.endOfMonthMillis("2026-03") + 8L * 86_400_000;
        harness.processBroadcastWatermark(new Watermark(jump));
        harness.processWatermark(new Watermark(jump));
        assertThat(monthEnd("2026-01")).isEqualTo(waits(21));
        assertThat(monthEnd("2026-02")).isEqualTo(waits(49));
        assertThat(monthEnd("2026-03")).isEmpty();
        assertThat(completed("2026-03")).isEqualTo(waits(54));
        harness.close();
    }

    @Test
    void monthEndsBeforeAKnownStopAreToldAsTheyPass() throws Exception {
        harness = tracker();
        referral("R1", "2026-01-10");
        stop("R1", EventType.CLOCK_STOP, "2026-04-20", null); // known early, e.g. from an unsorted feed
        watermarkAtEndOf("2026-02");
        assertThat(monthEnd("2026-01")).isEqualTo(waits(21));
        assertThat(monthEnd("2026-02")).as("told when February ends, not when April closes").isEqualTo(waits(49));
        harness.close();
    }

    @Test
    void aStopsClockStartIsTheClockStartEvenWithAReferral() throws Exception {
        harness = tracker();
        referral("R2", "2026-01-10");
        stop("R2", EventType.CLOCK_STOP, "2026-03-10", "2026-02-01");
        watermarkAtEndOf("2026-03");
        assertThat(monthEnd("2026-01")).as("the clock started on 1 February").isEmpty();
        assertThat(monthEnd("2026-02")).isEqualTo(waits(27));
        assertThat(completed("2026-03")).isEqualTo(waits(37));
        harness.close();
    }

    @Test
    void theEarliestStopEndsThePathway() throws Exception {
        harness = tracker();
        referral("R3", "2026-01-10");
        stop("R3", EventType.CLOCK_STOP, "2026-02-10", null);
        stop("R3", EventType.WAITLIST_REMOVAL, "2026-04-10", null);
        watermarkAtEndOf("2026-04");
        assertThat(monthEnd("2026-02")).isEmpty();
        assertThat(monthEnd("2026-03")).isEmpty();
        assertThat(completed("2026-02")).isEqualTo(waits(31));
        harness.close();
    }

    @Test
    void aClosedPathwayIsNotReopenedByAVeryLateReferral() throws Exception {
        harness = tracker();
        stop("R4", EventType.CLOCK_STOP, "2026-01-20", "2025-12-01");
        watermarkAtEndOf("2026-02"); // January closed (its end plus 7 days has passed): the state is dropped
        referral("R4", "2025-12-01");
        watermarkAtEndOf("2026-04");
        assertThat(monthEnd("2025-12")).isEqualTo(waits(30));
        assertThat(monthEnd("2026-01")).isEmpty();
        assertThat(monthEnd("2026-03")).isEmpty();
        harness.close();
    }

    @Test
    void aClosedPathwayIsForgottenAfterTheMemoryPeriodAndAnEventThatOldCannotOpenOne() throws Exception {
        harness = tracker(60L * DAY);
        stop("R5", EventType.CLOCK_STOP, "2026-01-20", "2025-12-01");
        watermarkAtEndOf("2026-02"); // January closed: only the marker stays, until 60 days on
        referral("R5", "2026-03-05"); // remembered as closed: ignored
        watermarkAtEndOf("2026-03");
        assertThat(monthEnd("2026-03")).isEmpty();

        watermarkAtEndOf("2026-05"); // the marker forgotten
        referral("R7", "2026-02-10"); // more than 60 days behind the event clock: cannot open a pathway
        referral("R5", "2026-05-10"); // R5 no longer remembered: a pathway of now
        watermarkAtEndOf("2026-06");
        assertThat(monthEnd("2026-06")).isEqualTo(waits(51));
        assertThat(monthEnd("2025-12")).isEqualTo(waits(30));
        harness.close();
    }

    @Test
    void closedPathwaysMustBeRememberedLongerThanEventsMayBeLate() {
        assertThatThrownBy(() -> new PathwayTracker(7L * DAY, 7L * DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed lateness");
    }

    private static KeyedBroadcastOperatorTestHarness<String, PathwayEvent, Long, CellInput> tracker() throws Exception {
        return tracker(400L * DAY);
    }

    private static KeyedBroadcastOperatorTestHarness<String, PathwayEvent, Long, CellInput> tracker(long closedMemory)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new PathwayTracker(7L * DAY, closedMemory), PathwayEvent::pathwayId, Types.STRING, EventClock.STATE);
    }

    private void referral(String pathway, String date) throws Exception {
        harness.processElement(new PathwayEvent(pathway, EventType.REFERRAL, day(date), null, List.of(ENGLAND), SLOTS),
                millis(date));
    }

    private void stop(String pathway, EventType type, String date, String clockStart) throws Exception {
        harness.processElement(new PathwayEvent(pathway, type, day(date),
                clockStart == null ? null : (int) day(clockStart), List.of(ENGLAND), SLOTS), millis(date));
    }

    private void watermarkAtEndOf(String period) throws Exception {
        harness.processBroadcastWatermark(new Watermark(Periods.endOfMonthMillis(period)));
        harness.processWatermark(new Watermark(Periods.endOfMonthMillis(period)));
    }

    /** The month-end waiting list so far: every wait told for the month, net of what was taken back. */
    private NavigableMap<Long, Long> monthEnd(String period) {
        return told(CellInput.Kind.WAIT_AT_MONTH_END, period);
    }

    private NavigableMap<Long, Long> completed(String period) {
        return told(CellInput.Kind.COMPLETED_WAIT, period);
    }

    private NavigableMap<Long, Long> told(CellInput.Kind kind, String period) {
        NavigableMap<Long, Long> histogram = new TreeMap<>();
        ConcurrentLinkedQueue<Object> output = harness.getOutput();
        for (Object o : output) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof CellInput input && input.kind() == kind
                    && input.period().equals(period)) {
                assertThat(input.scopeIds()).containsExactly(ENGLAND);
                histogram.merge(input.waitDays(), (long) input.sign(), Long::sum);
            }
        }
        histogram.values().removeIf(v -> v == 0);
        return histogram;
    }

    private static NavigableMap<Long, Long> waits(long... days) {
        Map<Long, Long> counts = new HashMap<>();
        for (long d : days) {
            counts.merge(d, 1L, Long::sum);
        }
        return new TreeMap<>(counts);
    }

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    private static long millis(String date) {
        return LocalDate.parse(date).atTime(10, 0).atZone(Periods.LONDON).toInstant().toEpochMilli();
    }
}
