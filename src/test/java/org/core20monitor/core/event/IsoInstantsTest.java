package org.core20monitor.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct reading agrees with java.time's own on every text, read or refused alike. */
class IsoInstantsTest {

    /** What java.time makes of a text: its epoch millis, or null if it refuses it. */
    private static Long javaTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long ours(String text) {
        try {
            return IsoInstants.epochMillis(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theCommonShapesAreReadDirectlyAndAgree() {
        for (String text : List.of("2026-10-14T09:30:00Z", "2024-02-29T23:59:59.999Z", "2026-03-29T01:30:00+01:00",
                "2019-01-01T00:00:00.5-05:30", "2026-10-14T09:30:00.123456789+14:00", "2000-12-31T12:00:00-00:00")) {
            assertThat(IsoInstants.common(text)).as(text).isNotEqualTo(Long.MIN_VALUE).isEqualTo(javaTime(text));
        }
    }

    @Test
    void otherShapesAndNonsenseGetJavaTimesAnswer() {
        for (String text : List.of("2026-10-14T09:30Z", "2026-10-14t09:30:00Z", "2026-10-14T09:30:00+01:00:30",
                "2026-10-14T09:30:00+18:00", "+12026-10-14T09:30:00Z", "2026-10-14T09:30:00.Z", "2023-02-29T10:00:00Z",
                "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-10-14T24:00:00Z", "2026-10-14T09:60:00Z",
                "2026-10-14T09:30:60Z", "2026-10-14T09:30:00", "2026-10-14 09:30:00Z", "2026-10-14T09:30:00+0100",
                "2026-1O-14T09:30:00Z", "2026-10-14T09:30:00.1234567890Z", "2026-10-14T09:30:00+19:00",
                "2026-10-14T09:30:00+01:60", "2026-10-14T09:30:00ZZ", "")) {
            assertThat(ours(text)).as(text).isEqualTo(javaTime(text));
        }
        assertThatThrownBy(() -> IsoInstants.epochMillis("2023-02-29T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void agreesOnAHundredThousandGeneratedAndMangledTexts() {
        Random random = new Random(20261205);
        String alphabet = "0123456789-:TZ.+ z";
        List<String> disagreements = new ArrayList<>();
        int readDirectly = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(2100), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextInt(3) == 0 ? "." + "123456789012".substring(0, random.nextInt(12)) : "",
                    switch (random.nextInt(4)) {
                        case 0 -> "Z";
                        case 1 -> String.format("+%02d:%02d", random.nextInt(20), random.nextInt(62));
                        case 2 -> String.format("-%02d:%02d", random.nextInt(20), random.nextInt(62));
                        default -> "";
                    });
            if (random.nextInt(5) == 0) {   // one character changed
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                text = new String(chars);
            }
            Long expected = javaTime(text);
            if (!java.util.Objects.equals(ours(text), expected)) {
                disagreements.add(text);
            }
            if (IsoInstants.common(text) != Long.MIN_VALUE) {
                readDirectly++;
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(readDirectly).as("most valid texts take the direct path").isGreaterThan(10_000);
    }
}
