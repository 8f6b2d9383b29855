package org.core20monitor.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Age bands of SPEC §4, keys of SPEC §8. */
class AgeBandTest {

    @ParameterizedTest(name = "age {0} -> {1}")
    @CsvSource({
            "0, 0-17", "1, 0-17", "17, 0-17",
            "18, 18-39", "39, 18-39",
            "40, 40-64", "64, 40-64",
            "65, 65-79", "79, 65-79",
            "80, 80+", "99, 80+", "120, 80+"})
    void boundaries(int age, String key) {
        assertThat(AgeBand.of(age).key).isEqualTo(key);
    }

    @Test
    void nullIsUnknown() {
        assertThat(AgeBand.of(null)).isEqualTo(AgeBand.UNKNOWN);
        assertThat(AgeBand.UNKNOWN.key).isEqualTo("unknown");
    }

    @Test
    void everyAgeFallsInTheBandWhoseBoundsHoldIt() {
        int[][] bounds = {{0, 17}, {18, 39}, {40, 64}, {65, 79}, {80, 120}};
        String[] keys = {"0-17", "18-39", "40-64", "65-79", "80+"};
        for (int age = 0; age <= 120; age++) {
            String expected = null;
            for (int b = 0; b < bounds.length; b++) {
                if (age >= bounds[b][0] && age <= bounds[b][1]) {
                    expected = keys[b];
                }
            }
            assertThat(AgeBand.of(age).key).as("age %d", age).isEqualTo(expected);
        }
    }

    @Test
    void keysAreThoseOfTheSpec() {
        assertThat(AgeBand.values()).extracting(b -> b.key)
                .containsExactly("0-17", "18-39", "40-64", "65-79", "80+", "unknown");
    }
}
