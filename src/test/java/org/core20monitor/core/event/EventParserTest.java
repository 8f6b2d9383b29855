package org.core20monitor.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The input contract of SPEC §3: one valid record, and a failing input for every rule. */
class EventParserTest {

    /** The example record of SPEC §3, verbatim. */
    static final String EXAMPLE = "{\"event_id\":\"e-000001\",\"event_type\":\"ATTENDANCE\","
            + "\"event_time\":\"2026-10-03T09:20:00Z\",\"patient_id\":\"p-8f3a\",\"icb\":\"QWE\",\"provider\":\"RXX\","
            + "\"specialty\":\"330\",\"lsoa\":\"E01000001\",\"ethnicity\":\"N\",\"sex\":\"2\",\"age\":47,"
            + "\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\",\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventParser parser = new EventParser();

    // ---------------------------------------------------------------- helpers

    static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree(EXAMPLE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example turned into a pathway event of the given type (no attendance fields). */
    static ObjectNode pathwayEvent(String type) {
        ObjectNode r = example();
        r.put("event_type", type);
        r.put("pathway_id", "w-42");
        r.remove(java.util.List.of("appointment", "attendance", "medium", "outcome"));
        return r;
    }

    static String line(Consumer<ObjectNode> change) {
        ObjectNode r = example();
        change.accept(r);
        return r.toString();
    }

    private OutpatientEvent valid(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).as("parse of %s", line).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    private Rejection invalid(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).as("parse of %s", line).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).rejection();
    }

    private void assertRejected(String line, String field, String rule) {
        Rejection r = invalid(line);
        assertThat(r.field()).as("field of rejection %s", r).isEqualTo(field);
        assertThat(r.rule()).as("rule of rejection %s", r).isEqualTo(rule);
        assertThat(r.reason()).isEqualTo(field + ":" + rule);
        assertThat(r.message()).isNotBlank();
    }

    private static long utcMillis(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).toEpochSecond(ZoneOffset.UTC) * 1000L;
    }

    // ---------------------------------------------------------------- the valid example

    @Test
    void specExampleParsesWithEveryFieldMapped() {
        OutpatientEvent e = valid(EXAMPLE);

        assertThat(e.eventId()).isEqualTo("e-000001");
        assertThat(e.type()).isEqualTo(EventType.ATTENDANCE);
        // 2026-10-03T09:20:00Z: 20,729 days after 1970-01-01 plus 9 h 20 min
        assertThat(e.eventTimeMillis()).isEqualTo(utcMillis(2026, 10, 3, 9, 20, 0));
        assertThat(e.eventTimeMillis()).isEqualTo((20_729L * 86_400 + 9 * 3600 + 20 * 60) * 1000);
        assertThat(e.patientId()).isEqualTo("p-8f3a");
        assertThat(e.pathwayId()).isNull();
        assertThat(e.icb()).isEqualTo("QWE");
        assertThat(e.provider()).isEqualTo("RXX");
        assertThat(e.specialty()).isEqualTo("330");
        assertThat(e.lsoa()).isEqualTo("E01000001");
        assertThat(e.imdDecile()).isNull();
        assertThat(e.ethnicity()).isEqualTo("N");
        assertThat(e.sex()).isEqualTo("2");
        assertThat(e.age()).isEqualTo(47);
        assertThat(e.plusGroups()).isEmpty();
        assertThat(e.appointment()).isEqualTo(Appointment.FOLLOW_UP);
        assertThat(e.attendance()).isEqualTo(AttendanceStatus.ATTENDED);
        assertThat(e.medium()).isEqualTo(Medium.VIDEO);
        assertThat(e.outcome()).isEqualTo(Outcome.PIFU);
        assertThat(e.clockStartEpochDay()).isNull();
        assertThat(e.attended()).isTrue();
    }

    @Test
    void offsetIsAppliedToTheEventTime() {
        OutpatientEvent e = valid(line(r -> r.put("event_time", "2026-10-03T10:20:00+01:00")));
        assertThat(e.eventTimeMillis()).isEqualTo(utcMillis(2026, 10, 3, 9, 20, 0));
        OutpatientEvent f = valid(line(r -> r.put("event_time", "2026-10-03T09:20:00.250Z")));
        assertThat(f.eventTimeMillis()).isEqualTo(utcMillis(2026, 10, 3, 9, 20, 0) + 250);
    }

    @Test
    void optionalFieldsAndPlusGroupsAreMapped() {
        OutpatientEvent e = valid(line(r -> {
            r.remove("lsoa");
            r.put("imd_decile", 3);
            r.putArray("plus_groups").add("CARER").add("SMI").add("CARER");
            r.put("pathway_id", "w-1");
        }));
        assertThat(e.lsoa()).isNull();
        assertThat(e.imdDecile()).isEqualTo(3);
        assertThat(e.plusGroups()).containsExactly("CARER", "SMI");
        assertThat(e.pathwayId()).isEqualTo("w-1");
    }

    @Test
    void absentOptionalFieldsAreNull() {
        OutpatientEvent e = valid(line(r -> r.remove(java.util.List.of("lsoa", "ethnicity", "sex", "age"))));
        assertThat(e.lsoa()).isNull();
        assertThat(e.ethnicity()).isNull();
        assertThat(e.sex()).isNull();
        assertThat(e.age()).isNull();
    }

    @Test
    void clockStopMapsPathwayAndClockStartAsALondonEpochDay() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July: the London date is 1 July.
        ObjectNode r = pathwayEvent("CLOCK_STOP");
        r.put("clock_start", "2026-06-30T23:30:00Z");
        OutpatientEvent e = valid(r.toString());
        assertThat(e.type()).isEqualTo(EventType.CLOCK_STOP);
        assertThat(e.pathwayId()).isEqualTo("w-42");
        assertThat(e.clockStartEpochDay()).isEqualTo((int) LocalDate.of(2026, 7, 1).toEpochDay());
        assertThat(e.appointment()).isNull();
        assertThat(e.attendance()).isNull();
        assertThat(e.medium()).isNull();
        assertThat(e.outcome()).isNull();
        assertThat(e.attended()).isFalse();

        // In winter London is on GMT: 23:30Z stays the same date.
        r.put("clock_start", "2026-01-15T23:30:00Z");
        assertThat(valid(r.toString()).clockStartEpochDay()).isEqualTo((int) LocalDate.of(2026, 1, 15).toEpochDay());

        // An offset instant: 00:30+02:00 on 1 July is 22:30Z / 23:30 BST on 30 June.
        r.put("clock_start", "2026-07-01T00:30:00+02:00");
        assertThat(valid(r.toString()).clockStartEpochDay()).isEqualTo((int) LocalDate.of(2026, 6, 30).toEpochDay());

        // A plain date.
        r.put("clock_start", "2025-12-25");
        assertThat(valid(r.toString()).clockStartEpochDay()).isEqualTo(20_447);
        assertThat(LocalDate.ofEpochDay(20_447)).isEqualTo(LocalDate.of(2025, 12, 25));

        // Absent: null (the REFERRAL time is used downstream).
        r.remove("clock_start");
        assertThat(valid(r.toString()).clockStartEpochDay()).isNull();
    }

    @Test
    void aClockStartTenYearsBeforeTheStopIsTheOldestAccepted() {
        ObjectNode r = pathwayEvent("CLOCK_STOP");
        r.put("event_time", "2026-10-03T09:20:00Z");
        LocalDate oldest = LocalDate.of(2026, 10, 3).minusDays(EventParser.MAX_WAIT_DAYS);
        r.put("clock_start", oldest.toString());
        assertThat(valid(r.toString()).clockStartEpochDay()).isEqualTo((int) oldest.toEpochDay());
    }

    @Test
    void waitlistRemovalCarriesClockStartToo() {
        ObjectNode r = pathwayEvent("WAITLIST_REMOVAL");
        r.put("clock_start", "2026-02-01");
        OutpatientEvent e = valid(r.toString());
        assertThat(e.type()).isEqualTo(EventType.WAITLIST_REMOVAL);
        assertThat(e.clockStartEpochDay()).isEqualTo((int) LocalDate.of(2026, 2, 1).toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REFERRAL", "ADVICE_REQUEST", "PIFU_RETURN", "CLOCK_STOP", "WAITLIST_REMOVAL"})
    void everyNonAttendanceTypeParsesWithoutAttendanceFields(String type) {
        OutpatientEvent e = valid(pathwayEvent(type).toString());
        assertThat(e.type()).isEqualTo(EventType.valueOf(type));
        assertThat(e.attendance()).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() {
        OutpatientEvent plain = valid(EXAMPLE);
        OutpatientEvent extra = valid(line(r -> {
            r.put("favourite_colour", "teal");
            r.put("score", 12.5);
            r.putObject("nested").put("icb", "not an icb").putArray("xs").add(1);
            r.putNull("something_null");
        }));
        assertThat(extra).isEqualTo(plain);
    }

    @Test
    void eventIdOfExactly64CharactersIsAccepted() {
        String id = "x".repeat(64);
        assertThat(valid(line(r -> r.put("event_id", id))).eventId()).isEqualTo(id);
    }

    @Test
    void identifiersOf128CharactersAndLinesOf64KiBAreAccepted() {
        assertThat(valid(line(r -> r.put("patient_id", "p".repeat(128)).put("pathway_id", "w".repeat(128)))).pathwayId())
                .hasSize(128);
        String base = line(r -> r.put("note", ""));
        String atLimit = base.replace("\"note\":\"\"", "\"note\":\"" + "n".repeat(EventParser.MAX_LINE_LENGTH - base.length()) + "\"");
        assertThat(atLimit).hasSize(EventParser.MAX_LINE_LENGTH);
        valid(atLimit);
    }

    @Test
    void aRunawayValueIsCutShortInTheMessage() {
        Rejection r = invalid(line(j -> j.put("icb", "Q".repeat(10_000))));
        assertThat(r.reason()).isEqualTo("icb:code");
        assertThat(r.message()).hasSizeLessThan(120).contains("Q".repeat(40) + "…");
    }

    @Test
    void pathwayIdIsNotRequiredOnAttendance() {
        OutpatientEvent e = valid(line(r -> r.remove("pathway_id")));
        assertThat(e.pathwayId()).isNull();
    }

    @Test
    void dnaNeedsNeitherMediumNorOutcome() {
        OutpatientEvent e = valid(line(r -> {
            r.put("attendance", "DNA");
            r.remove("medium");
            r.remove("outcome");
        }));
        assertThat(e.attendance()).isEqualTo(AttendanceStatus.DNA);
        assertThat(e.medium()).isNull();
        assertThat(e.outcome()).isNull();
        assertThat(e.attended()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CANCELLED_BY_PATIENT", "CANCELLED_BY_PROVIDER"})
    void cancellationsNeedNeitherMediumNorOutcome(String status) {
        OutpatientEvent e = valid(line(r -> {
            r.put("attendance", status);
            r.remove("medium");
            r.remove("outcome");
        }));
        assertThat(e.attendance()).isEqualTo(AttendanceStatus.valueOf(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99"})
    void everyNhsEthnicCategoryIsAccepted(String code) {
        assertThat(valid(line(r -> r.put("ethnicity", code))).ethnicity()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "9", "X"})
    void everySexCodeIsAccepted(String code) {
        assertThat(valid(line(r -> r.put("sex", code))).sex()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 120})
    void agesAtTheLimitsAreAccepted(int age) {
        assertThat(valid(line(r -> r.put("age", age))).age()).isEqualTo(age);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    void imdDecilesAtTheLimitsAreAccepted(int decile) {
        assertThat(valid(line(r -> r.put("imd_decile", decile))).imdDecile()).isEqualTo(decile);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RXX", "RX1", "R0A12"})
    void providersOf3To5AlphanumericsAreAccepted(String provider) {
        assertThat(valid(line(r -> r.put("provider", provider))).provider()).isEqualTo(provider);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEARNING_DISABILITY", "HOMELESS", "SMI", "CARER", "TRAVELLER", "REFUGEE"})
    void everyDefaultPlusGroupIsAccepted(String group) {
        assertThat(valid(line(r -> r.putArray("plus_groups").add(group))).plusGroups()).containsExactly(group);
    }

    @Test
    void configuredPlusGroupsReplaceTheDefaults() {
        EventParser custom = new EventParser(java.util.List.of("VETERAN"));
        String veteran = line(r -> r.putArray("plus_groups").add("VETERAN"));
        assertThat(custom.parse(veteran)).isInstanceOf(ParseResult.Valid.class);
        assertThat(parser.parse(veteran)).isInstanceOf(ParseResult.Invalid.class);
        ParseResult smi = custom.parse(line(r -> r.putArray("plus_groups").add("SMI")));
        assertThat(smi).isInstanceOf(ParseResult.Invalid.class);
    }

    // ---------------------------------------------------------------- whole-record rules

    static Stream<Arguments> brokenRecords() {
        return Stream.of(
                arguments(named("empty line", ""), "record", "empty"),
                arguments(named("blank line", "   \t "), "record", "empty"),
                arguments(named("null line", null), "record", "empty"),
                arguments(named("truncated JSON", EXAMPLE.substring(0, EXAMPLE.length() / 2)), "record", "json"),
                arguments(named("not JSON at all", "event_id=e-1;icb=QWE"), "record", "json"),
                arguments(named("unquoted key", "{event_id:\"e-1\"}"), "record", "json"),
                arguments(named("JSON array", "[" + EXAMPLE + "]"), "record", "json"),
                arguments(named("JSON string", "\"hello\""), "record", "json"),
                arguments(named("JSON number", "42"), "record", "json"),
                arguments(named("JSON null", "null"), "record", "json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRecords")
    void brokenRecordsAreRejected(String line, String field, String rule) {
        assertRejected(line, field, rule);
    }

    // ---------------------------------------------------------------- field rules

    private static Arguments change(String name, Consumer<ObjectNode> change, String field, String rule) {
        return arguments(named(name, line(change)), field, rule);
    }

    private static Arguments pathway(String name, String type, Consumer<ObjectNode> change, String field,
                                     String rule) {
        ObjectNode r = pathwayEvent(type);
        change.accept(r);
        return arguments(named(name, r.toString()), field, rule);
    }

    static Stream<Arguments> fieldRules() {
        return Stream.of(
                // event_id
                change("event_id missing", r -> r.remove("event_id"), "event_id", "missing"),
                change("event_id null", r -> r.putNull("event_id"), "event_id", "missing"),
                change("event_id empty", r -> r.put("event_id", ""), "event_id", "missing"),
                change("event_id 65 chars", r -> r.put("event_id", "e".repeat(65)), "event_id", "length"),
                change("event_id 200 chars", r -> r.put("event_id", "e".repeat(200)), "event_id", "length"),
                change("event_id a number", r -> r.put("event_id", 12345), "event_id", "type"),
                change("patient_id 129 chars", r -> r.put("patient_id", "p".repeat(129)), "patient_id", "length"),
                change("pathway_id 129 chars", r -> r.put("pathway_id", "w".repeat(129)), "pathway_id", "length"),
                change("a line over 64 KiB", r -> r.put("note", "n".repeat(EventParser.MAX_LINE_LENGTH)), "record", "too_long"),
                change("event_id an object", r -> r.putObject("event_id"), "event_id", "type"),
                // event_type
                change("event_type missing", r -> r.remove("event_type"), "event_type", "missing"),
                change("event_type unknown", r -> r.put("event_type", "APPOINTMENT"), "event_type", "code"),
                change("event_type lower case", r -> r.put("event_type", "attendance"), "event_type", "code"),
                change("event_type a number", r -> r.put("event_type", 2), "event_type", "type"),
                // event_time
                change("event_time missing", r -> r.remove("event_time"), "event_time", "missing"),
                change("event_time without offset", r -> r.put("event_time", "2026-10-03T09:20:00"),
                        "event_time", "format"),
                change("event_time dd/MM/yyyy", r -> r.put("event_time", "03/10/2026 09:20"),
                        "event_time", "format"),
                change("event_time date only", r -> r.put("event_time", "2026-10-03"), "event_time", "format"),
                change("event_time impossible date", r -> r.put("event_time", "2026-02-30T09:20:00Z"),
                        "event_time", "format"),
                change("event_time epoch number", r -> r.put("event_time", 1_791_019_200_000L),
                        "event_time", "type"),
                // patient_id
                change("patient_id missing", r -> r.remove("patient_id"), "patient_id", "missing"),
                change("patient_id empty", r -> r.put("patient_id", ""), "patient_id", "missing"),
                change("patient_id a number", r -> r.put("patient_id", 8), "patient_id", "type"),
                // pathway_id on the three pathway events
                pathway("pathway_id missing on REFERRAL", "REFERRAL", r -> r.remove("pathway_id"),
                        "pathway_id", "missing"),
                pathway("pathway_id missing on CLOCK_STOP", "CLOCK_STOP", r -> r.remove("pathway_id"),
                        "pathway_id", "missing"),
                pathway("pathway_id missing on WAITLIST_REMOVAL", "WAITLIST_REMOVAL", r -> r.remove("pathway_id"),
                        "pathway_id", "missing"),
                pathway("pathway_id empty on REFERRAL", "REFERRAL", r -> r.put("pathway_id", ""),
                        "pathway_id", "missing"),
                // icb
                change("icb missing", r -> r.remove("icb"), "icb", "missing"),
                change("icb lower case", r -> r.put("icb", "qwe"), "icb", "code"),
                change("icb 4 chars", r -> r.put("icb", "QWEE"), "icb", "code"),
                change("icb 2 chars", r -> r.put("icb", "QW"), "icb", "code"),
                change("icb punctuation", r -> r.put("icb", "Q-E"), "icb", "code"),
                // provider
                change("provider missing", r -> r.remove("provider"), "provider", "missing"),
                change("provider 2 chars", r -> r.put("provider", "RX"), "provider", "code"),
                change("provider 6 chars", r -> r.put("provider", "RXX123"), "provider", "code"),
                change("provider lower case", r -> r.put("provider", "rxx"), "provider", "code"),
                // specialty
                change("specialty missing", r -> r.remove("specialty"), "specialty", "missing"),
                change("specialty 2 digits", r -> r.put("specialty", "33"), "specialty", "code"),
                change("specialty 4 digits", r -> r.put("specialty", "3300"), "specialty", "code"),
                change("specialty letters", r -> r.put("specialty", "DERM"), "specialty", "code"),
                change("specialty a number", r -> r.put("specialty", 330), "specialty", "type"),
                // lsoa
                change("lsoa Welsh code", r -> r.put("lsoa", "W01000001"), "lsoa", "code"),
                change("lsoa too short", r -> r.put("lsoa", "E0100001"), "lsoa", "code"),
                change("lsoa too long", r -> r.put("lsoa", "E010000012"), "lsoa", "code"),
                change("lsoa MSOA code", r -> r.put("lsoa", "E02000001"), "lsoa", "code"),
                change("lsoa lower case", r -> r.put("lsoa", "e01000001"), "lsoa", "code"),
                change("lsoa a number", r -> r.put("lsoa", 1000001), "lsoa", "type"),
                // imd_decile
                change("imd_decile 0", r -> r.put("imd_decile", 0), "imd_decile", "range"),
                change("imd_decile 11", r -> r.put("imd_decile", 11), "imd_decile", "range"),
                change("imd_decile -3", r -> r.put("imd_decile", -3), "imd_decile", "range"),
                change("imd_decile 5.5", r -> r.put("imd_decile", 5.5), "imd_decile", "type"),
                change("imd_decile a string", r -> r.put("imd_decile", "5"), "imd_decile", "type"),
                // ethnicity
                change("ethnicity I", r -> r.put("ethnicity", "I"), "ethnicity", "code"),
                change("ethnicity O", r -> r.put("ethnicity", "O"), "ethnicity", "code"),
                change("ethnicity Q", r -> r.put("ethnicity", "Q"), "ethnicity", "code"),
                change("ethnicity lower case", r -> r.put("ethnicity", "a"), "ethnicity", "code"),
                change("ethnicity word", r -> r.put("ethnicity", "White"), "ethnicity", "code"),
                change("ethnicity 98", r -> r.put("ethnicity", "98"), "ethnicity", "code"),
                change("ethnicity a number", r -> r.put("ethnicity", 99), "ethnicity", "type"),
                // sex
                change("sex M", r -> r.put("sex", "M"), "sex", "code"),
                change("sex 0", r -> r.put("sex", "0"), "sex", "code"),
                change("sex 3", r -> r.put("sex", "3"), "sex", "code"),
                change("sex lower-case x", r -> r.put("sex", "x"), "sex", "code"),
                change("sex a number", r -> r.put("sex", 2), "sex", "type"),
                // age
                change("age -1", r -> r.put("age", -1), "age", "range"),
                change("age 121", r -> r.put("age", 121), "age", "range"),
                change("age 47.5", r -> r.put("age", 47.5), "age", "type"),
                change("age a string", r -> r.put("age", "47"), "age", "type"),
                change("age beyond int", r -> r.put("age", 10_000_000_000L), "age", "type"),
                // plus_groups
                change("plus_groups a string", r -> r.put("plus_groups", "SMI"), "plus_groups", "type"),
                change("plus_groups an object", r -> r.putObject("plus_groups").put("SMI", true),
                        "plus_groups", "type"),
                change("plus_groups with a number", r -> r.putArray("plus_groups").add(1), "plus_groups", "type"),
                change("plus_groups unknown group", r -> r.putArray("plus_groups").add("SMI").add("ASTRONAUT"),
                        "plus_groups", "code"),
                change("plus_groups lower case", r -> r.putArray("plus_groups").add("smi"), "plus_groups", "code"),
                // appointment
                change("appointment missing", r -> r.remove("appointment"), "appointment", "missing"),
                change("appointment bad", r -> r.put("appointment", "SECOND"), "appointment", "code"),
                // attendance
                change("attendance missing", r -> r.remove("attendance"), "attendance", "missing"),
                change("attendance bad", r -> r.put("attendance", "NO_SHOW"), "attendance", "code"),
                change("attendance boolean", r -> r.put("attendance", true), "attendance", "type"),
                // medium and outcome when ATTENDED
                change("medium missing when attended", r -> r.remove("medium"), "medium", "missing"),
                change("medium bad", r -> r.put("medium", "CARRIER_PIGEON"), "medium", "code"),
                change("outcome missing when attended", r -> r.remove("outcome"), "outcome", "missing"),
                change("outcome bad", r -> r.put("outcome", "ADMITTED"), "outcome", "code"),
                change("medium bad on a DNA", r -> {
                    r.put("attendance", "DNA");
                    r.put("medium", "FAX");
                }, "medium", "code"),
                // clock_start
                pathway("clock_start dd/MM/yyyy", "CLOCK_STOP", r -> r.put("clock_start", "03/10/2026"),
                        "clock_start", "format"),
                pathway("clock_start impossible date", "CLOCK_STOP", r -> r.put("clock_start", "2026-13-01"),
                        "clock_start", "format"),
                pathway("clock_start without offset", "CLOCK_STOP", r -> r.put("clock_start", "2026-10-03T09:20:00"),
                        "clock_start", "format"),
                pathway("clock_start text", "WAITLIST_REMOVAL", r -> r.put("clock_start", "last spring"),
                        "clock_start", "format"),
                pathway("clock_start a number", "CLOCK_STOP", r -> r.put("clock_start", 20447),
                        "clock_start", "type"),
                pathway("clock_start more than ten years before the stop", "CLOCK_STOP", r -> {
                    r.put("event_time", "2026-10-03T09:20:00Z");
                    r.put("clock_start", LocalDate.of(2026, 10, 3).minusDays(EventParser.MAX_WAIT_DAYS + 1).toString());
                }, "clock_start", "range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldRules")
    void fieldRulesAreEnforced(String line, String field, String rule) {
        assertRejected(line, field, rule);
    }

    @Test
    void theFirstBrokenRuleIsReported() {
        // event_id comes before icb in the checks, so a record breaking both names event_id.
        assertRejected(line(r -> {
            r.remove("event_id");
            r.put("icb", "bad");
        }), "event_id", "missing");
    }

    /**
     * A line must be exactly one JSON object (JSON Lines). Text after the object means the line is
     * damaged (two records run together, or garbage appended) and must not be counted.
     */
    @Test
    void trailingContentAfterTheObjectIsRejected() {
        assertRejected(EXAMPLE + " garbage", "record", "json");
        assertRejected(EXAMPLE + EXAMPLE, "record", "json");
    }

    @Test
    void eventTimesOutsideThePlausibleRangeAreRejected() {
        java.time.Clock now = java.time.Clock.fixed(java.time.Instant.parse("2026-11-24T12:00:00Z"), java.time.ZoneOffset.UTC);
        EventParser clocked = new EventParser(EventParser.DEFAULT_PLUS_GROUPS, now);
        for (String time : new String[] {"9999-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2018-12-31T23:59:59Z",
                "2026-11-25T12:00:01Z"}) {
            ParseResult result = clocked.parse(line(r -> r.put("event_time", time)));
            assertThat(result).as(time).isInstanceOf(ParseResult.Invalid.class);
            assertThat(((ParseResult.Invalid) result).rejection().reason()).as(time).isEqualTo("event_time:range");
        }
        // Within a day ahead of the clock (skew between systems) and from 2019 on, accepted.
        for (String time : new String[] {"2026-11-25T11:59:59Z", "2019-01-01T00:00:00Z"}) {
            assertThat(clocked.parse(line(r -> r.put("event_time", time)))).as(time).isInstanceOf(ParseResult.Valid.class);
        }
    }

    @Test
    void aRepeatedKeyIsRejectedRatherThanSilentlyOverwritten() {
        String twice = EXAMPLE.replace("{\"event_id\":\"e-000001\",", "{\"event_id\":\"e-000001\",\"event_id\":\"e-2\",");
        assertRejected(twice, "record", "json");
    }

    @Test
    void blankIdentifiersAreMissing() {
        assertRejected(line(r -> r.put("event_id", "   ")), "event_id", "missing");
        assertRejected(line(r -> r.put("patient_id", " ")), "patient_id", "missing");
    }
}
