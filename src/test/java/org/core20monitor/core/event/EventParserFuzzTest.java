package org.core20monitor.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.StringLength;

/**
 * The parser against hostile input: whatever the line, it returns a valid event or a rejection with
 * a reason, and never throws. Inputs: arbitrary strings, valid lines with one field mangled, deep
 * nesting, huge numbers and invalid UTF-8 read as text.
 */
class EventParserFuzzTest {

    private static final String VALID = "{\"event_id\":\"e1\",\"event_type\":\"ATTENDANCE\","
            + "\"event_time\":\"2026-10-03T09:20:00Z\",\"patient_id\":\"p1\",\"icb\":\"QWE\",\"provider\":\"RJ7\","
            + "\"specialty\":\"330\",\"lsoa\":\"E01000001\",\"ethnicity\":\"A\",\"sex\":\"1\",\"age\":47,"
            + "\"appointment\":\"FIRST\",\"attendance\":\"ATTENDED\",\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}";

    private final EventParser parser = new EventParser();

    private void parsesOrRejects(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Invalid rejected) {
            assertThat(rejected.rejection().field()).isNotBlank();
            assertThat(rejected.rejection().rule()).isNotBlank();
            Statistics.collect("rejected");
        } else {
            Statistics.collect("valid");
        }
    }

    @Property(tries = 2000)
    void anyStringIsParsedOrRejected(@ForAll @StringLength(max = 400) String line) {
        parsesOrRejects(line);
    }

    @Property(tries = 3000)
    void aValidLineWithOneValueReplacedIsParsedOrRejected(@ForAll("fields") String field,
                                                          @ForAll("hostileValues") String value) {
        String line = VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+)", "\"" + field + "\":"
                + java.util.regex.Matcher.quoteReplacement(value));
        parsesOrRejects(line);
    }

    @Property(tries = 50)
    void deepNestingAndHugeLinesAreRejected(@ForAll("depths") int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        ParseResult deep = parser.parse(VALID.replace("\"age\":47", "\"age\":" + nested));
        assertThat(deep).isInstanceOf(ParseResult.Invalid.class);
        parsesOrRejects("{".repeat(depth));
    }

    @Property(tries = 200)
    void invalidUtf8DecodedAsTextIsParsedOrRejected(@ForAll byte[] bytes) {
        parsesOrRejects(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        parsesOrRejects(VALID.replace("p1", new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"", "").replace("\\", "")));
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("event_id", "event_type", "event_time", "patient_id", "icb", "provider", "specialty",
                "lsoa", "ethnicity", "sex", "age", "appointment", "attendance", "medium", "outcome");
    }

    @Provide
    Arbitrary<String> hostileValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "[]", "{}", "\"\"", "1e999", "-1", "99999999999999999999999999",
                        "1.5", "\"\\u0000\"", "\"" + "x".repeat(10_000) + "\"", "NaN", "\"2026-02-30T00:00:00Z\"",
                        "\"9999-12-31T23:59:59Z\"", "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":{\"b\":{}}}"),
                Arbitraries.strings().ofMaxLength(30).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.longs().map(String::valueOf));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(50, 5000);
    }
}
