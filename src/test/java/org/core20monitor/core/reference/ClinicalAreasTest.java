package org.core20monitor.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Core20PLUS5 clinical areas from treatment function codes (SPEC §4). */
class ClinicalAreasTest {

    private static final ClinicalAreas DEFAULT = ClinicalAreas.DEFAULT;

    /** The default table of SPEC §4, written out code by code. */
    private static final Map<String, Set<String>> SPEC_TABLE = Map.of(
            "maternity", Set.of("501", "560"),
            "smi", Set.of("710", "711", "712", "713", "714", "715"),
            "respiratory", Set.of("340", "341"),
            "cancer", Set.of("370", "800", "503"),
            "hypertension", Set.of("320"),
            "cyp_asthma", Set.of("258"),
            "cyp_diabetes", Set.of("263"),
            "cyp_epilepsy", Set.of("421"),
            "cyp_oral_health", Set.of("140", "141", "143"),
            "cyp_mental_health", Set.of("711"));

    /**
     * The areas SPEC §4 gives a specialty at an age: children's areas below 18, the others from 18 or
     * unknown, and maternity at any age.
     */
    private static List<String> expected(String specialty, Integer age) {
        boolean child = age != null && age < 18;
        List<String> areas = new ArrayList<>();
        for (String area : DEFAULT.ids()) {
            boolean applies = area.equals("maternity") || area.startsWith("cyp_") == child;
            if (applies && SPEC_TABLE.get(area).contains(specialty)) {
                areas.add(area);
            }
        }
        return areas;
    }

    @Test
    void theDefaultHasTheTenAreaIdsOfSpecSection8() {
        assertThat(DEFAULT.ids()).containsExactly("maternity", "smi", "respiratory", "cancer", "hypertension",
                "cyp_asthma", "cyp_diabetes", "cyp_epilepsy", "cyp_oral_health", "cyp_mental_health");
    }

    @ParameterizedTest(name = "{0} at age {1} -> [{2}]")
    @CsvSource(value = {
            "711, 12, cyp_mental_health",
            "711, 17, cyp_mental_health",
            "711, 18, smi",
            "711, 40, smi",
            "711, , smi",
            "710, 12, ''",
            "712, 70, smi",
            "715, 30, smi",
            "716, 30, ''",
            "709, 30, ''",
            "140, 30, ''",
            "140, 8, cyp_oral_health",
            "141, 8, cyp_oral_health",
            "142, 8, ''",
            "143, 17, cyp_oral_health",
            "501, 30, maternity",
            "501, , maternity",
            "560, 25, maternity",
            "501, 16, maternity",
            "340, 66, respiratory",
            "341, 50, respiratory",
            "370, 60, cancer",
            "800, 60, cancer",
            "503, 60, cancer",
            "320, 55, hypertension",
            "258, 10, cyp_asthma",
            "258, 30, ''",
            "263, 0, cyp_diabetes",
            "421, 17, cyp_epilepsy",
            "421, 18, ''",
            "330, 30, ''",
            "330, 5, ''"})
    void areasOfASpecialtyAtAnAge(String specialty, Integer age, String areas) {
        List<String> want = areas == null || areas.isBlank() ? List.of() : List.of(areas.split(";"));
        assertThat(DEFAULT.areasOf(specialty, age)).isEqualTo(want).isEqualTo(expected(specialty, age));
    }

    @Test
    void everyCodeAtEveryAgeAgreesWithTheSpecTable() {
        Integer[] ages = {null, 0, 5, 17, 18, 40, 64, 65, 80, 120};
        for (int code = 0; code <= 999; code++) {
            String specialty = String.format("%03d", code);
            for (Integer age : ages) {
                assertThat(DEFAULT.areasOf(specialty, age)).as("%s at %s", specialty, age)
                        .isEqualTo(expected(specialty, age));
            }
        }
    }

    @Test
    void parsesCodesRangesCommentsAndBlankLines() {
        ClinicalAreas areas = ClinicalAreas.parse(List.of(
                "# a comment",
                "",
                "   ",
                " eyes = 130 , 460-462 ",
                "cyp_eyes=130",
                "skin=330-330"));
        assertThat(areas.ids()).containsExactly("eyes", "cyp_eyes", "skin");
        for (String code : List.of("130", "460", "461", "462")) {
            assertThat(areas.areasOf(code, 40)).as(code).containsExactly("eyes");
        }
        assertThat(areas.areasOf("459", 40)).isEmpty();
        assertThat(areas.areasOf("463", 40)).isEmpty();
        assertThat(areas.areasOf("130", 10)).containsExactly("cyp_eyes");
        assertThat(areas.areasOf("330", null)).containsExactly("skin");
        assertThat(ClinicalAreas.parse(List.of()).ids()).isEmpty();
        assertThat(ClinicalAreas.parse(List.of()).areasOf("711", 12)).isEmpty();
    }

    @Test
    void aRangeIncludesBothEndsAndKeepsLeadingZeros() {
        ClinicalAreas areas = ClinicalAreas.parse(List.of("low=008-012"));
        Set<String> hit = new TreeSet<>();
        for (int code = 0; code <= 999; code++) {
            String s = String.format("%03d", code);
            if (!areas.areasOf(s, 30).isEmpty()) {
                hit.add(s);
            }
        }
        assertThat(hit).containsExactly("008", "009", "010", "011", "012");
    }

    @Test
    void aSpecialtyCanBeInTwoAdultAreas() {
        ClinicalAreas areas = ClinicalAreas.parse(List.of("a=100", "b=100-101"));
        assertThat(areas.areasOf("100", 30)).containsExactly("a", "b");
        assertThat(areas.areasOf("101", 30)).containsExactly("b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "maternity",               // no '='
            "=501",                    // no area
            "Maternity=501",           // area ids are lower case
            "1st=501",                 // and start with a letter
            "mat ernity=501",
            "maternity=",              // no codes
            "maternity=50",            // not 3 digits
            "maternity=5011",
            "maternity=abc",
            "maternity=501,,560",      // empty item
            "maternity=501;560",
            "smi=710-71",              // malformed range
            "smi=710–715",             // en dash, not a hyphen
            "smi=710-715-720"})
    void malformedLinesAreRejectedWithTheLine(String line) {
        assertThatThrownBy(() -> ClinicalAreas.parse(List.of("cancer=370", line)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(line.isBlank() ? "" : line.strip());
    }

    /**
     * A range written backwards ("715-710") is a configuration error: accepted silently, it would map
     * no code at all and the area's dashboards would stay empty without a word.
     */
    @Test
    void aBackwardsRangeIsRejected() {
        assertThatThrownBy(() -> ClinicalAreas.parse(List.of("smi=715-710")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
