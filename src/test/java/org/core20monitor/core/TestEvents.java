package org.core20monitor.core;

import java.util.List;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;

/** Hand-built events and profiles for the tests of the core module. */
public final class TestEvents {

    public static final long OCT_2026 = java.time.Instant.parse("2026-10-03T09:20:00Z").toEpochMilli();

    /** The profile of {@link #builder} events unless changed: decile 5, White British, female, 47, no PLUS group. */
    public static final EventProfile NEUTRAL = new EventProfile(5, "A", "2", 47, List.of());

    private static long counter;

    private TestEvents() {}

    /** An event built field by field; unset fields are those of a female patient of 47 at RXX in QWE. */
    public static final class Builder {
        private final EventType type;
        private long time = OCT_2026;
        private String icb = "QWE";
        private String provider = "RXX";
        private String specialty = "330";
        private Integer decile = 5;
        private String ethnicity = "A";
        private String sex = "2";
        private Integer age = 47;
        private List<String> plus = List.of();
        private Appointment appointment;
        private AttendanceStatus attendance;
        private Medium medium;
        private Outcome outcome;
        private Integer clockStart;

        private Builder(EventType type) {
            this.type = type;
        }

        public Builder time(long epochMillis) { this.time = epochMillis; return this; }
        public Builder icb(String v) { this.icb = v; return this; }
        public Builder provider(String v) { this.provider = v; return this; }
        public Builder specialty(String v) { this.specialty = v; return this; }
        public Builder decile(Integer v) { this.decile = v; return this; }
        public Builder ethnicity(String v) { this.ethnicity = v; return this; }
        public Builder sex(String v) { this.sex = v; return this; }
        public Builder age(Integer v) { this.age = v; return this; }
        public Builder plus(List<String> v) { this.plus = List.copyOf(v); return this; }
        public Builder appointment(Appointment v) { this.appointment = v; return this; }
        public Builder attendance(AttendanceStatus v) { this.attendance = v; return this; }
        public Builder medium(Medium v) { this.medium = v; return this; }
        public Builder outcome(Outcome v) { this.outcome = v; return this; }
        public Builder clockStart(Integer epochDay) { this.clockStart = epochDay; return this; }

        /** Takes decile, ethnicity, sex, age and PLUS groups from a profile. */
        public Builder profile(EventProfile p) {
            return decile(p.imdDecile()).ethnicity(p.ethnicity()).sex(p.sex()).age(p.age()).plus(p.plusGroups());
        }

        public OutpatientEvent build() {
            return new OutpatientEvent("t-" + (++counter), type, time, "p-1", type.needsPathway() ? "w-1" : null, icb,
                    provider, specialty, null, decile, ethnicity, sex, age, plus, appointment, attendance, medium,
                    outcome, clockStart);
        }
    }

    public static Builder builder(EventType type) {
        return new Builder(type);
    }

    /** An attendance; medium face to face when attended, and the given outcome (which may be null). */
    public static OutpatientEvent attendance(Appointment appointment, AttendanceStatus status, Medium medium,
                                             Outcome outcome) {
        return builder(EventType.ATTENDANCE).appointment(appointment).attendance(status).medium(medium)
                .outcome(outcome).build();
    }

    /** An event of any type; attendances are follow-ups, face to face when attended. */
    public static OutpatientEvent event(EventType type, AttendanceStatus attendance, Outcome outcome,
                                        Integer imdDecile, String ethnicity) {
        boolean attended = attendance == AttendanceStatus.ATTENDED;
        return builder(type).decile(imdDecile).ethnicity(ethnicity)
                .appointment(type == EventType.ATTENDANCE ? Appointment.FOLLOW_UP : null).attendance(attendance)
                .medium(attended ? Medium.FACE_TO_FACE : null).outcome(outcome).build();
    }

    public static OutpatientEvent attended(Outcome outcome, Integer imdDecile, String ethnicity) {
        return event(EventType.ATTENDANCE, AttendanceStatus.ATTENDED, outcome, imdDecile, ethnicity);
    }

    public static OutpatientEvent dna(Integer imdDecile, String ethnicity) {
        return event(EventType.ATTENDANCE, AttendanceStatus.DNA, null, imdDecile, ethnicity);
    }

    /** The profile the event itself carries (no LSOA lookup). */
    public static EventProfile profile(OutpatientEvent e) {
        return new EventProfile(e.imdDecile(), e.ethnicity(), e.sex(), e.age(), e.plusGroups());
    }

    public static EventProfile profile(Integer decile, String ethnicity) {
        return new EventProfile(decile, ethnicity, NEUTRAL.sex(), NEUTRAL.age(), NEUTRAL.plusGroups());
    }

    /**
     * A profile that falls in group {@code group} (an index into {@code b.groups}) of breakdown
     * {@code b}, written from the group keys of SPEC §4/§8 rather than from {@link Breakdown#slot}; the
     * other characteristics are those of {@link #NEUTRAL}.
     */
    public static EventProfile profileIn(Breakdown b, int group) {
        EventProfile n = NEUTRAL;
        if (b.groups.isEmpty()) {
            return n;
        }
        String key = b.groups.get(group);
        if (b.id.startsWith("plus:")) {
            String plus = b.id.substring("plus:".length());
            return new EventProfile(n.imdDecile(), n.ethnicity(), n.sex(), n.age(),
                    key.equals("yes") ? List.of(plus) : List.of());
        }
        return switch (b.id) {
            case "imd_quintile" -> withDecile(key.equals("unknown") ? null : 2 * Integer.parseInt(key) - 1);
            case "imd_decile" -> withDecile(key.equals("unknown") ? null : Integer.parseInt(key));
            case "core20" -> withDecile(switch (key) {
                case "core20" -> 2;
                case "rest" -> 3;
                default -> null;
            });
            case "ethnicity_group" -> withEthnicity(switch (key) {
                case "white" -> "C";
                case "mixed" -> "E";
                case "asian" -> "K";
                case "black" -> "N";
                case "other" -> "S";
                default -> "99";
            });
            case "ethnicity" -> withEthnicity(key.equals("unknown") ? null : key);
            case "age_band" -> new EventProfile(n.imdDecile(), n.ethnicity(), n.sex(), switch (key) {
                case "0-17" -> 9;
                case "18-39" -> 25;
                case "40-64" -> 52;
                case "65-79" -> 70;
                case "80+" -> 91;
                default -> null;
            }, n.plusGroups());
            case "sex" -> new EventProfile(n.imdDecile(), n.ethnicity(), switch (key) {
                case "male" -> "1";
                case "female" -> "2";
                case "other" -> "9";
                default -> "X";
            }, n.age(), n.plusGroups());
            default -> throw new IllegalArgumentException("no profile for breakdown " + b.id);
        };
    }

    private static EventProfile withDecile(Integer decile) {
        return new EventProfile(decile, NEUTRAL.ethnicity(), NEUTRAL.sex(), NEUTRAL.age(), NEUTRAL.plusGroups());
    }

    private static EventProfile withEthnicity(String code) {
        return new EventProfile(NEUTRAL.imdDecile(), code, NEUTRAL.sex(), NEUTRAL.age(), NEUTRAL.plusGroups());
    }

    /**
     * Adds {@code denominator} attended events in the given IMD decile (null: unknown), of which
     * {@code numerator} have outcome PIFU: a PIFU-rate group of exactly those counts.
     */
    public static void addPifuGroup(TestCells.Cell cell, Integer decile, long numerator, long denominator) {
        EventProfile p = profile(decile, "A");
        cell.add(attended(Outcome.PIFU, decile, "A"), p, numerator);
        cell.add(attended(Outcome.FOLLOW_UP, decile, "A"), p, denominator - numerator);
    }
}
