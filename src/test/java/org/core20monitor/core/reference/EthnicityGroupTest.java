package org.core20monitor.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.core20monitor.core.event.EventParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ethnicity table of SPEC §4 and the group keys of SPEC §8. */
class EthnicityGroupTest {

    /** SPEC §4, row by row. */
    private static final Map<String, String> SPEC_TABLE = new LinkedHashMap<>();

    static {
        for (String c : new String[] {"A", "B", "C"}) {
            SPEC_TABLE.put(c, "white");
        }
        for (String c : new String[] {"D", "E", "F", "G"}) {
            SPEC_TABLE.put(c, "mixed");
        }
        for (String c : new String[] {"H", "J", "K", "L"}) {
            SPEC_TABLE.put(c, "asian");
        }
        for (String c : new String[] {"M", "N", "P"}) {
            SPEC_TABLE.put(c, "black");
        }
        for (String c : new String[] {"R", "S"}) {
            SPEC_TABLE.put(c, "other");
        }
        SPEC_TABLE.put("Z", "unknown");
        SPEC_TABLE.put("99", "unknown");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "A, WHITE", "B, WHITE", "C, WHITE",
            "D, MIXED", "E, MIXED", "F, MIXED", "G, MIXED",
            "H, ASIAN", "J, ASIAN", "K, ASIAN", "L, ASIAN",
            "M, BLACK", "N, BLACK", "P, BLACK",
            "R, OTHER", "S, OTHER",
            "Z, UNKNOWN", "99, UNKNOWN"})
    void everyCodeMapsToItsGroup(String code, EthnicityGroup group) {
        assertThat(EthnicityGroup.of(code)).isEqualTo(group);
        assertThat(EthnicityGroup.of(code).key).isEqualTo(SPEC_TABLE.get(code));
    }

    @ParameterizedTest
    @NullSource
    void absentIsUnknown(String code) {
        assertThat(EthnicityGroup.of(code)).isEqualTo(EthnicityGroup.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I", "O", "Q", "a", "", "White"})
    void codesOutsideTheTableAreUnknown(String code) {
        assertThat(EthnicityGroup.of(code)).isEqualTo(EthnicityGroup.UNKNOWN);
    }

    @Test
    void theTableCoversExactlyTheCodesTheParserAccepts() {
        assertThat(EventParser.ETHNICITY_CODES).containsExactlyInAnyOrderElementsOf(SPEC_TABLE.keySet());
    }

    @Test
    void keysAndLabelsAreThoseOfTheSpec() {
        assertThat(EthnicityGroup.values()).extracting(g -> g.key)
                .containsExactly("white", "mixed", "asian", "black", "other", "unknown");
        assertThat(EthnicityGroup.WHITE.label).isEqualTo("White");
        assertThat(EthnicityGroup.MIXED.label).isEqualTo("Mixed");
        assertThat(EthnicityGroup.ASIAN.label).isEqualTo("Asian or Asian British");
        assertThat(EthnicityGroup.BLACK.label).isEqualTo("Black or Black British");
        assertThat(EthnicityGroup.OTHER.label).isEqualTo("Other ethnic group");
        assertThat(EthnicityGroup.UNKNOWN.label).isEqualTo("Not stated / not known");
    }
}
