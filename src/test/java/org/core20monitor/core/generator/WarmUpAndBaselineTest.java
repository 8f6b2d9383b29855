package org.core20monitor.core.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.reference.ImdEdition;
import org.junit.jupiter.api.Test;

class WarmUpAndBaselineTest {

    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();

    @Test
    void theWarmUpIsNotWrittenAndTheBaselineYearHoldsFollowUpsOnWorkingDays() {
        GeneratorConfig config = new GeneratorConfig(9, List.of("QWE"), ImdEdition.IMD2025, START, END, 300, 0, 0, 24, true);
        EventParser parser = new EventParser();
        int baseline = 0;
        int missed = 0;
        int history = 0;
        int followUpsInHistory = 0;
        for (String line : SyntheticEventGenerator.history(config)) {
            OutpatientEvent e = ((ParseResult.Valid) parser.parse(line)).event();
            LocalDate day = LocalDate.ofEpochDay(Periods.dayOf(e.eventTimeMillis()));
            if (e.eventTimeMillis() < START) {
                baseline++;
                assertThat(day).as("only the 2019/20 baseline precedes the history")
                        .isBetween(LocalDate.of(2019, 4, 1), LocalDate.of(2020, 3, 31));
                assertThat(day.getDayOfWeek().getValue()).isLessThan(6);
                assertThat(e.appointment()).isEqualTo(Appointment.FOLLOW_UP);
                assertThat(e.attendance()).isIn(AttendanceStatus.ATTENDED, AttendanceStatus.DNA);
                missed += e.attendance() == AttendanceStatus.DNA ? 1 : 0;
            } else {
                history++;
                followUpsInHistory += e.attended() && e.appointment() == Appointment.FOLLOW_UP ? 1 : 0;
            }
        }
        // About 300 × 1.78 × 1.35 / 21 follow-ups per working day over the year's ~253 working days.
        double expected = 300 * SyntheticEventGenerator.FOLLOW_UPS_PER_REFERRAL_MONTH
                * SyntheticEventGenerator.BASELINE_FACTOR / 21.0 * 253;
        assertThat((double) baseline).isBetween(expected * 0.95, expected * 1.05);
        // Some 7% of them missed (from 5% in the least deprived to 13% in the most deprived).
        assertThat((double) missed / baseline).isBetween(0.05, 0.11);
        // Warmed up: the history's first month already has follow-ups at about the steady rate.
        assertThat(history).isPositive();
        assertThat(followUpsInHistory).isGreaterThan((int) (4 * 300 * 1.2));
    }
}
