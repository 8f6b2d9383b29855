package org.core20monitor.core.metric;

import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;

/**
 * The metric catalogue (SPEC §5): each metric's definition, unit, kind, target and direction, and,
 * for the metrics counted from events, how much one event adds to its numerator and denominator, so
 * that every part of the system counts it the same way.
 */
public enum Metric {
    PIFU_RATE("pifu_rate", "Moved or discharged to PIFU", Kind.PROPORTION, Source.EVENTS,
            "Attendances with outcome PIFU (moved or discharged to patient-initiated follow-up)",
            "Attendances (attended)", 5.0, Direction.HIGHER_IS_BETTER, "At least 5% of attendances"),
    DISCHARGE_RATE("discharge_rate", "Discharged", Kind.PROPORTION, Source.EVENTS,
            "Attendances with outcome DISCHARGED", "Attendances (attended)", null, Direction.CONTEXT,
            "No target: context for the PIFU rate"),
    DNA_RATE("dna_rate", "Did not attend (DNA)", Kind.PROPORTION, Source.EVENTS,
            "Appointments the patient did not attend (DNA)", "Attendances (attended) plus DNAs", null,
            Direction.LOWER_IS_BETTER, "Lower is better"),
    REMOTE_SHARE("remote_share", "Remote consultations", Kind.PROPORTION, Source.EVENTS,
            "Attendances by telephone or video", "Attendances (attended)", 25.0, Direction.HIGHER_IS_BETTER,
            "At least 25% of consultations by video or telephone"),
    FU_RATIO("fu_ratio", "Follow-ups per first attendance", Kind.RATIO, Source.EVENTS,
            "Follow-up attendances (attended)", "First attendances (attended)", null, Direction.LOWER_IS_BETTER,
            "Lower is better"),
    ADVICE_PER_100_FIRST("advice_per_100_first", "Specialist advice per 100 first attendances", Kind.RATE_PER_100,
            Source.EVENTS, "Specialist advice requests", "First attendances (attended)", 16.0,
            Direction.HIGHER_IS_BETTER, "At least 16 per 100 first attendances"),
    PIFU_RETURN_RATE("pifu_return_rate", "PIFU returns per 100 moved to PIFU", Kind.RATE_PER_100, Source.EVENTS,
            "Patient-initiated returns (PIFU_RETURN events)", "Attendances with outcome PIFU", null,
            Direction.CONTEXT, "No target: shows how PIFU is used"),
    OPFU_CHANGE("opfu_change", "Change in follow-ups since 2019/20", Kind.CHANGE, Source.EVENTS,
            "Follow-up attendances (attended) per working day in the month",
            "Follow-up attendances per working day in the same month of 2019/20", -25.0,
            Direction.LOWER_IS_BETTER, "A reduction of at least 25% on 2019/20"),
    WAITING_LIST("waiting_list", "Waiting list", Kind.COUNT, Source.WAITS,
            "Open RTT pathways at the end of the month (or now)", null, null, Direction.LOWER_IS_BETTER,
            "Lower is better"),
    WITHIN_18W("within_18w", "Waiting 18 weeks or less", Kind.PROPORTION, Source.WAITS,
            "Open pathways waiting at most 126 days", "Open pathways", 92.0, Direction.HIGHER_IS_BETTER,
            "At least 92% within 18 weeks"),
    OVER_52W("over_52w", "Waiting over 52 weeks", Kind.PROPORTION, Source.WAITS,
            "Open pathways waiting more than 364 days", "Open pathways", 0.0, Direction.LOWER_IS_BETTER,
            "No one waiting over 52 weeks"),
    OVER_65W("over_65w", "Waiting over 65 weeks", Kind.PROPORTION, Source.WAITS,
            "Open pathways waiting more than 455 days", "Open pathways", 0.0, Direction.LOWER_IS_BETTER,
            "No one waiting over 65 weeks"),
    OVER_78W("over_78w", "Waiting over 78 weeks", Kind.PROPORTION, Source.WAITS,
            "Open pathways waiting more than 546 days", "Open pathways", 0.0, Direction.LOWER_IS_BETTER,
            "No one waiting over 78 weeks"),
    OVER_104W("over_104w", "Waiting over 104 weeks", Kind.PROPORTION, Source.WAITS,
            "Open pathways waiting more than 728 days", "Open pathways", 0.0, Direction.LOWER_IS_BETTER,
            "No one waiting over 104 weeks"),
    MEDIAN_WAIT_WEEKS("median_wait_weeks", "Median wait (waiting list)", Kind.MEDIAN, Source.WAITS,
            "Median wait in weeks of open pathways", null, null, Direction.LOWER_IS_BETTER, "Lower is better"),
    MEDIAN_WAIT_COMPLETED("median_wait_completed", "Median wait (completed pathways)", Kind.MEDIAN,
            Source.COMPLETED, "Median wait in weeks of pathways whose clock stopped in the month", null, null,
            Direction.LOWER_IS_BETTER, "Lower is better");

    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER, CONTEXT }

    /** How the value is formed, which fixes its unit and interval method. */
    public enum Kind {
        PROPORTION("%", "Wilson score, 95%"),
        RATIO("ratio", "Byar on the numerator, 95%"),
        RATE_PER_100("per 100", "Byar on the numerator, 95%"),
        CHANGE("%", "Byar on the month's count, 95%"),
        COUNT("count", "Byar, 95%"),
        MEDIAN("weeks", "exact order-statistic interval of the median, 95%");

        public final String unit;
        public final String interval;

        Kind(String unit, String interval) {
            this.unit = unit;
            this.interval = interval;
        }
    }

    /** Where the counts come from: events in the month, the waiting list at a date, or stopped pathways. */
    public enum Source { EVENTS, WAITS, COMPLETED }

    /** Wait thresholds in days for the waits metrics ("over N weeks" means more than 7 × N days). */
    public static final int DAYS_18W = 126;

    public final String id;
    public final String label;
    public final Kind kind;
    public final Source source;
    public final String numeratorDefinition;
    public final String denominatorDefinition;
    public final Double target;
    public final Direction direction;
    public final String targetText;

    Metric(String id, String label, Kind kind, Source source, String numerator, String denominator, Double target,
           Direction direction, String targetText) {
        this.id = id;
        this.label = label;
        this.kind = kind;
        this.source = source;
        this.numeratorDefinition = numerator;
        this.denominatorDefinition = denominator;
        this.target = target;
        this.direction = direction;
        this.targetText = targetText;
    }

    public String unit() {
        return kind.unit;
    }

    /** The metrics counted from events in the month, in the order their counts are stored. */
    public static final Metric[] EVENT_METRICS = {PIFU_RATE, DISCHARGE_RATE, DNA_RATE, REMOTE_SHARE, FU_RATIO,
            ADVICE_PER_100_FIRST, PIFU_RETURN_RATE, OPFU_CHANGE};

    public int numerator(OutpatientEvent e) {
        return switch (this) {
            case PIFU_RATE -> e.attended() && e.outcome() == Outcome.PIFU ? 1 : 0;
            case DISCHARGE_RATE -> e.attended() && e.outcome() == Outcome.DISCHARGED ? 1 : 0;
            case DNA_RATE -> e.type() == EventType.ATTENDANCE && e.attendance() == AttendanceStatus.DNA ? 1 : 0;
            case REMOTE_SHARE -> e.attended() && (e.medium() == Medium.TELEPHONE || e.medium() == Medium.VIDEO) ? 1 : 0;
            case FU_RATIO, OPFU_CHANGE -> e.attended() && e.appointment() == Appointment.FOLLOW_UP ? 1 : 0;
            case ADVICE_PER_100_FIRST -> e.type() == EventType.ADVICE_REQUEST ? 1 : 0;
            case PIFU_RETURN_RATE -> e.type() == EventType.PIFU_RETURN ? 1 : 0;
            default -> 0;
        };
    }

    /** The event's share of the denominator; the 2019/20 baseline of {@link #OPFU_CHANGE} comes from its own month. */
    public int denominator(OutpatientEvent e) {
        return switch (this) {
            case PIFU_RATE, DISCHARGE_RATE, REMOTE_SHARE -> e.attended() ? 1 : 0;
            case DNA_RATE -> e.attended() || e.type() == EventType.ATTENDANCE && e.attendance() == AttendanceStatus.DNA ? 1 : 0;
            case FU_RATIO, ADVICE_PER_100_FIRST -> e.attended() && e.appointment() == Appointment.FIRST ? 1 : 0;
            case PIFU_RETURN_RATE -> e.attended() && e.outcome() == Outcome.PIFU ? 1 : 0;
            default -> 0;
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
