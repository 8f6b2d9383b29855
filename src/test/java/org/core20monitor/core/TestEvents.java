package org.core20monitor.core;

import java.util.List;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.MetricCounts;

/** Hand-built events for the tests of the core module. */
public final class TestEvents {

    public static final long OCT_2026 = java.time.Instant.parse("2026-10-03T09:20:00Z").toEpochMilli();

    private static long counter;

    private TestEvents() {}

    public static OutpatientEvent event(EventType type, AttendanceStatus attendance, Outcome outcome,
                                        Integer imdDecile, String ethnicity) {
        boolean attended = attendance == AttendanceStatus.ATTENDED;
        return new OutpatientEvent("t-" + (++counter), type, OCT_2026, "p-1",
                type.needsPathway() ? "w-1" : null, "QWE", "RXX", "330", null, imdDecile, ethnicity, "2", 47,
                List.of(), type == EventType.ATTENDANCE ? Appointment.FOLLOW_UP : null, attendance,
                attended ? Medium.FACE_TO_FACE : null, outcome, null);
    }

    public static OutpatientEvent attended(Outcome outcome, Integer imdDecile, String ethnicity) {
        return event(EventType.ATTENDANCE, AttendanceStatus.ATTENDED, outcome, imdDecile, ethnicity);
    }

    public static OutpatientEvent dna(Integer imdDecile, String ethnicity) {
        return event(EventType.ATTENDANCE, AttendanceStatus.DNA, null, imdDecile, ethnicity);
    }

    public static EventProfile profile(OutpatientEvent e) {
        return new EventProfile(e.imdDecile(), e.ethnicity(), e.sex(), e.age());
    }

    /**
     * Adds {@code denominator} attended events in the given IMD decile (null: unknown), of which
     * {@code numerator} have outcome PIFU: a PIFU-rate group of exactly those counts.
     */
    public static void addPifuGroup(MetricCounts counts, Integer decile, long numerator, long denominator) {
        for (long i = 0; i < denominator; i++) {
            OutpatientEvent e = attended(i < numerator ? Outcome.PIFU : Outcome.FOLLOW_UP, decile, "A");
            counts.add(e, profile(e));
        }
    }
}
