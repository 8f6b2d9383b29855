package org.core20monitor.core.metric;

import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;

/**
 * The metrics computed so far, with their definitions (SPEC §5). Each says how much one event adds
 * to its numerator and denominator, so every part of the system counts it the same way.
 */
public enum Metric {
    PIFU_RATE("pifu_rate", "Moved or discharged to PIFU",
            "Attendances with outcome PIFU", "Attendances (attended)", 5.0, Direction.HIGHER_IS_BETTER,
            "At least 5% of outpatient attendances moved or discharged to patient-initiated follow-up"),
    DISCHARGE_RATE("discharge_rate", "Discharged",
            "Attendances with outcome DISCHARGED", "Attendances (attended)", null, Direction.CONTEXT,
            "No target: context for the PIFU rate"),
    DNA_RATE("dna_rate", "Did not attend (DNA)",
            "Appointments the patient did not attend (DNA)", "Attendances (attended) plus DNAs", null,
            Direction.LOWER_IS_BETTER, "Lower is better");

    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER, CONTEXT }

    public final String id;
    public final String label;
    public final String numeratorDefinition;
    public final String denominatorDefinition;
    public final Double target;
    public final Direction direction;
    public final String targetText;

    Metric(String id, String label, String numerator, String denominator, Double target, Direction direction,
           String targetText) {
        this.id = id;
        this.label = label;
        this.numeratorDefinition = numerator;
        this.denominatorDefinition = denominator;
        this.target = target;
        this.direction = direction;
        this.targetText = targetText;
    }

    /** All three are proportions shown as percentages with Wilson score intervals. */
    public String unit() {
        return "%";
    }

    public int numerator(OutpatientEvent e) {
        if (e.type() != EventType.ATTENDANCE) {
            return 0;
        }
        return switch (this) {
            case PIFU_RATE -> e.attended() && e.outcome() == Outcome.PIFU ? 1 : 0;
            case DISCHARGE_RATE -> e.attended() && e.outcome() == Outcome.DISCHARGED ? 1 : 0;
            case DNA_RATE -> e.attendance() == AttendanceStatus.DNA ? 1 : 0;
        };
    }

    public int denominator(OutpatientEvent e) {
        if (e.type() != EventType.ATTENDANCE) {
            return 0;
        }
        return switch (this) {
            case PIFU_RATE, DISCHARGE_RATE -> e.attended() ? 1 : 0;
            case DNA_RATE -> e.attended() || e.attendance() == AttendanceStatus.DNA ? 1 : 0;
        };
    }

    public static Metric byId(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'");
    }
}
