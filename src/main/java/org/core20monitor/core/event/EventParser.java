package org.core20monitor.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.text.Excerpt;

/**
 * Reads one JSON Lines record and checks it against the input contract (SPEC §3). The first rule
 * a record breaks is reported, as the field and the rule, so a data supplier can fix it.
 * Unknown fields are ignored.
 */
public final class EventParser implements Serializable {

    public static final List<String> DEFAULT_PLUS_GROUPS =
            List.of("LEARNING_DISABILITY", "HOMELESS", "SMI", "CARER", "TRAVELLER", "REFUGEE");
    public static final Set<String> ETHNICITY_CODES = Set.of(
            "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99");
    public static final Set<String> SEX_CODES = Set.of("1", "2", "9", "X");

    /** An ICB's ODS code. */
    public static final Pattern ICB = Pattern.compile("[A-Z0-9]{3}");
    private static final Pattern PROVIDER = Pattern.compile("[A-Z0-9]{3,5}");
    private static final Pattern SPECIALTY = Pattern.compile("[0-9]{3}");
    private static final Pattern LSOA = Pattern.compile("E01[0-9]{6}");
    /** Rejects trailing content, so two records run together on one line are not half-read. */
    private static final ObjectReader READER = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The longest line read, in bytes (and, for lines that arrive as text, characters). A record of the
     * input contract is well under a kilobyte; the limit leaves room for unknown fields while keeping a
     * runaway line (a file with no newlines) out of memory and out of the dead letters.
     */
    public static final int MAX_LINE_LENGTH = 64 * 1024;
    /** How much of a value a rejection message quotes. */
    public static final int QUOTED_LENGTH = 40;
    /** The longest patient or pathway identifier: pathway ids key the job's state. */
    public static final int MAX_IDENTIFIER_LENGTH = 128;

    /** Earliest accepted event time: before the 2019/20 baseline year there is nothing to compare with. */
    public static final Instant EARLIEST = Instant.parse("2019-01-01T00:00:00Z");
    /**
     * The longest wait a clock start may imply (ten years): an older start is a data error, and each
     * open month of a pathway costs a month-end count in every scope it belongs to.
     */
    public static final int MAX_WAIT_DAYS = 3653;
    /** How far past the clock an event may be stamped (clock skew between systems), by default. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final Set<String> plusGroups;
    private final Clock clock;

    public EventParser() {
        this(DEFAULT_PLUS_GROUPS, Clock.systemUTC());
    }

    public EventParser(List<String> plusGroups) {
        this(plusGroups, Clock.systemUTC());
    }

    /**
     * @param clock event times more than {@link #FUTURE_TOLERANCE} after this clock are rejected, so one
     *              mistyped year cannot push event time (and the closing of months) into the future
     */
    public EventParser(List<String> plusGroups, Clock clock) {
        this.plusGroups = Set.copyOf(plusGroups);
        this.clock = clock;
    }

    public ParseResult parse(String line) {
        try {
            return new ParseResult.Valid(read(line));
        } catch (RecordRejected e) {
            return new ParseResult.Invalid(e.rejection);
        }
    }

    private OutpatientEvent read(String line) {
        if (line == null || line.isBlank()) {
            throw reject("record", "empty", "the line is empty");
        }
        if (line.length() > MAX_LINE_LENGTH) {
            throw reject("record", "too_long", "the line is " + line.length() + " characters long; at most "
                    + MAX_LINE_LENGTH + " are read");
        }
        JsonNode root;
        try {
            root = READER.readValue(line);
        } catch (JsonProcessingException e) {
            throw reject("record", "json", "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode record)) {
            throw reject("record", "json", "not a JSON object");
        }

        String eventId = requiredString(record, "event_id");
        if (eventId.length() > 64) {
            throw reject("event_id", "length", "event_id is longer than 64 characters");
        }
        EventType type = requiredEnum(record, "event_type", EventType.class);
        long eventTime = instant(record, "event_time", requiredString(record, "event_time"));
        if (eventTime < EARLIEST.toEpochMilli() || eventTime > clock.millis() + FUTURE_TOLERANCE.toMillis()) {
            throw reject("event_time", "range", "event_time " + Instant.ofEpochMilli(eventTime)
                    + " is before " + EARLIEST + " or in the future");
        }
        String patientId = identifier("patient_id", requiredString(record, "patient_id"));
        String pathwayId = identifier("pathway_id", type.needsPathway()
                ? requiredString(record, "pathway_id")
                : optionalString(record, "pathway_id"));
        String icb = matching("icb", requiredString(record, "icb"), ICB, "3 upper-case letters or digits");
        String provider = matching("provider", requiredString(record, "provider"), PROVIDER,
                "3 to 5 upper-case letters or digits");
        String specialty = matching("specialty", requiredString(record, "specialty"), SPECIALTY, "3 digits");

        String lsoa = optionalString(record, "lsoa");
        if (lsoa != null) {
            matching("lsoa", lsoa, LSOA, "an LSOA code E01 followed by 6 digits");
        }
        Integer imdDecile = optionalInt(record, "imd_decile", 1, 10);
        String ethnicity = optionalCode(record, "ethnicity", ETHNICITY_CODES);
        String sex = optionalCode(record, "sex", SEX_CODES);
        Integer age = optionalInt(record, "age", 0, 120);
        List<String> plus = plusGroups(record);

        Appointment appointment = null;
        AttendanceStatus attendance = null;
        Medium medium = null;
        Outcome outcome = null;
        if (type == EventType.ATTENDANCE) {
            appointment = requiredEnum(record, "appointment", Appointment.class);
            attendance = requiredEnum(record, "attendance", AttendanceStatus.class);
            if (attendance == AttendanceStatus.ATTENDED) {
                medium = requiredEnum(record, "medium", Medium.class);
                outcome = requiredEnum(record, "outcome", Outcome.class);
            } else {
                medium = optionalEnum(record, "medium", Medium.class);
                outcome = optionalEnum(record, "outcome", Outcome.class);
            }
        }
        Integer clockStart = null;
        if (type == EventType.CLOCK_STOP || type == EventType.WAITLIST_REMOVAL) {
            String text = optionalString(record, "clock_start");
            if (text != null) {
                clockStart = clockStartDay(text);
                long eventDay = Periods.dayOf(eventTime);
                if (eventDay - clockStart > MAX_WAIT_DAYS) {
                    throw reject("clock_start", "range", "clock_start " + LocalDate.ofEpochDay(clockStart)
                            + " is more than ten years (" + MAX_WAIT_DAYS + " days) before event_time");
                }
            }
        }
        return new OutpatientEvent(eventId, type, eventTime, patientId, pathwayId, icb, provider, specialty,
                lsoa, imdDecile, ethnicity, sex, age, plus, appointment, attendance, medium, outcome, clockStart);
    }

    private static String requiredString(ObjectNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            throw reject(field, "missing", field + " is required");
        }
        if (!node.isTextual()) {
            throw reject(field, "type", field + " must be a string");
        }
        if (node.textValue().isBlank()) {
            throw reject(field, "missing", field + " is empty");
        }
        return node.textValue();
    }

    private static String optionalString(ObjectNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw reject(field, "type", field + " must be a string");
        }
        return node.textValue().isEmpty() ? null : node.textValue();
    }

    private static <E extends Enum<E>> E requiredEnum(ObjectNode record, String field, Class<E> type) {
        return enumValue(field, requiredString(record, field), type);
    }

    private static <E extends Enum<E>> E optionalEnum(ObjectNode record, String field, Class<E> type) {
        String text = optionalString(record, field);
        return text == null ? null : enumValue(field, text, type);
    }

    private static <E extends Enum<E>> E enumValue(String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw reject(field, "code", field + " '" + shown(text) + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }

    private static String matching(String field, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw reject(field, "code", field + " '" + shown(value) + "' is not " + expected);
        }
        return value;
    }

    private static String identifier(String field, String value) {
        if (value != null && value.length() > MAX_IDENTIFIER_LENGTH) {
            throw reject(field, "length", field + " is longer than " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        return value;
    }

    /** A value as quoted in a message: a runaway value is cut short, the message stays readable. */
    private static String shown(String value) {
        return Excerpt.quoted(value, QUOTED_LENGTH);
    }

    private static String optionalCode(ObjectNode record, String field, Set<String> codes) {
        String value = optionalString(record, field);
        if (value != null && !codes.contains(value)) {
            throw reject(field, "code", field + " '" + shown(value) + "' is not a recognised code");
        }
        return value;
    }

    private static Integer optionalInt(ObjectNode record, String field, int min, int max) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw reject(field, "type", field + " must be a whole number");
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw reject(field, "range", field + " " + value + " is outside " + min + "–" + max);
        }
        return value;
    }

    private List<String> plusGroups(ObjectNode record) {
        JsonNode node = record.get("plus_groups");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw reject("plus_groups", "type", "plus_groups must be an array of strings");
        }
        List<String> groups = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw reject("plus_groups", "type", "plus_groups must be an array of strings");
            }
            if (!plusGroups.contains(item.textValue())) {
                throw reject("plus_groups", "code", "plus group '" + shown(item.textValue()) + "' is not configured");
            }
            if (!groups.contains(item.textValue())) {
                groups.add(item.textValue());
            }
        }
        return List.copyOf(groups);
    }

    private static long instant(ObjectNode record, String field, String text) {
        try {
            return IsoInstants.epochMillis(text);
        } catch (DateTimeParseException e) {
            throw reject(field, "format", field + " '" + shown(text) + "' is not an ISO-8601 instant with an offset or Z");
        }
    }

    private static int clockStartDay(String text) {
        try {
            if (text.length() == 10) {
                return (int) LocalDate.parse(text).toEpochDay();
            }
            return (int) OffsetDateTime.parse(text).atZoneSameInstant(Periods.LONDON).toLocalDate().toEpochDay();
        } catch (DateTimeParseException e) {
            throw reject("clock_start", "format", "clock_start '" + shown(text) + "' is not an ISO-8601 date or instant");
        }
    }

    private static RecordRejected reject(String field, String rule, String message) {
        return new RecordRejected(new Rejection(field, rule, message));
    }

    /** Unwinds the checks at the first broken rule; carries no stack trace. */
    private static final class RecordRejected extends RuntimeException {
        final Rejection rejection;

        RecordRejected(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }
    }
}
