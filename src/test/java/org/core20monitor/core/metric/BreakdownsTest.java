package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.EventParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which group of each breakdown a profile falls in, and where each breakdown's groups sit (SPEC §4, §8). */
class BreakdownsTest {

    private static final Breakdowns LAYOUT = Breakdowns.standard();

    private static EventProfile decile(Integer d) {
        return new EventProfile(d, null, null, null, List.of());
    }

    private static EventProfile ethnicity(String code) {
        return new EventProfile(null, code, null, null, List.of());
    }

    private static EventProfile age(Integer age) {
        return new EventProfile(null, null, null, age, List.of());
    }

    private static EventProfile sex(String code) {
        return new EventProfile(null, null, code, null, List.of());
    }

    private static EventProfile plus(String... groups) {
        return new EventProfile(null, null, null, null, List.of(groups));
    }

    private static String group(Breakdown b, EventProfile p) {
        return b.groups.get(b.slot(p));
    }

    // ---------------------------------------------------------------- the standard list

    @Test
    void theStandardLayoutHasEveryBreakdownOfSpecSection8InOrder() {
        assertThat(LAYOUT.list()).extracting(b -> b.id).containsExactly("none", "imd_quintile", "imd_decile",
                "core20", "ethnicity_group", "ethnicity", "age_band", "sex", "plus:LEARNING_DISABILITY",
                "plus:HOMELESS", "plus:SMI", "plus:CARER", "plus:TRAVELLER", "plus:REFUGEE");
        assertThat(LAYOUT.list()).containsSequence(Breakdown.NONE, Breakdown.IMD_QUINTILE, Breakdown.IMD_DECILE,
                Breakdown.CORE20, Breakdown.ETHNICITY_GROUP, Breakdown.ETHNICITY, Breakdown.AGE_BAND, Breakdown.SEX);
        assertThat(EventParser.DEFAULT_PLUS_GROUPS).hasSize(6);
    }

    @Test
    void groupKeys() {
        assertThat(Breakdown.NONE.groups).isEmpty();
        assertThat(Breakdown.IMD_QUINTILE.groups).containsExactly("1", "2", "3", "4", "5", "unknown");
        assertThat(Breakdown.IMD_DECILE.groups)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "unknown");
        assertThat(Breakdown.CORE20.groups).containsExactly("core20", "rest", "unknown");
        assertThat(Breakdown.ETHNICITY_GROUP.groups)
                .containsExactly("white", "mixed", "asian", "black", "other", "unknown");
        assertThat(Breakdown.ETHNICITY.groups).containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L",
                "M", "N", "P", "R", "S", "Z", "99", "unknown");
        assertThat(Breakdown.AGE_BAND.groups).containsExactly("0-17", "18-39", "40-64", "65-79", "80+", "unknown");
        assertThat(Breakdown.SEX.groups).containsExactly("male", "female", "other", "unknown");
        assertThat(Breakdown.plus("LEARNING_DISABILITY").id).isEqualTo("plus:LEARNING_DISABILITY");
        assertThat(Breakdown.plus("LEARNING_DISABILITY").groups).containsExactly("yes", "no");
        for (Breakdown b : LAYOUT.list()) {
            assertThat(b.labels).as(b.id).hasSameSizeAs(b.groups).doesNotContainNull();
            assertThat(new HashSet<>(b.groups)).as(b.id).hasSameSizeAs(b.groups);
            assertThat(b.label).isNotBlank();
        }
        assertThat(Breakdown.plus("LEARNING_DISABILITY").labels.get(0)).isEqualTo("Learning disability");
        assertThat(Breakdown.plus("SMI").labels.get(0)).isEqualTo("Severe mental illness");
        assertThat(Breakdown.plus("SMI").label).isEqualTo("Severe mental illness (PLUS group)");
    }

    @Test
    void onlyTheImdBreakdownsAreDeprivationGradients() {
        for (Breakdown b : LAYOUT.list()) {
            assertThat(b.isDeprivation()).as(b.id).isEqualTo(b.id.equals("imd_quintile") || b.id.equals("imd_decile"));
        }
    }

    // ---------------------------------------------------------------- slots, breakdown by breakdown

    @ParameterizedTest(name = "decile {0}: quintile {1}, core20 {2}")
    @CsvSource({"1, 1, core20", "2, 1, core20", "3, 2, rest", "4, 2, rest", "5, 3, rest", "6, 3, rest",
            "7, 4, rest", "8, 4, rest", "9, 5, rest", "10, 5, rest"})
    void imdGroupsOfEveryDecile(int d, String quintile, String core20) {
        assertThat(group(Breakdown.IMD_DECILE, decile(d))).isEqualTo(String.valueOf(d));
        assertThat(Breakdown.IMD_DECILE.slot(decile(d))).isEqualTo(d - 1);
        assertThat(group(Breakdown.IMD_QUINTILE, decile(d))).isEqualTo(quintile);
        assertThat(group(Breakdown.CORE20, decile(d))).isEqualTo(core20);
    }

    @Test
    void anUnknownDecileIsUnknownInEveryImdBreakdown() {
        assertThat(group(Breakdown.IMD_DECILE, decile(null))).isEqualTo("unknown");
        assertThat(group(Breakdown.IMD_QUINTILE, decile(null))).isEqualTo("unknown");
        assertThat(group(Breakdown.CORE20, decile(null))).isEqualTo("unknown");
        assertThat(Breakdown.IMD_DECILE.slot(decile(null))).isEqualTo(10);
        assertThat(Breakdown.IMD_QUINTILE.slot(decile(null))).isEqualTo(5);
        assertThat(Breakdown.CORE20.slot(decile(null))).isEqualTo(2);
    }

    @ParameterizedTest(name = "ethnicity {0}: group {1}")
    @CsvSource({"A, white", "B, white", "C, white", "D, mixed", "E, mixed", "F, mixed", "G, mixed", "H, asian",
            "J, asian", "K, asian", "L, asian", "M, black", "N, black", "P, black", "R, other", "S, other",
            "Z, unknown", "99, unknown"})
    void ethnicityOfEveryCode(String code, String groupKey) {
        assertThat(group(Breakdown.ETHNICITY_GROUP, ethnicity(code))).isEqualTo(groupKey);
        assertThat(group(Breakdown.ETHNICITY, ethnicity(code))).isEqualTo(code);
    }

    @Test
    void anAbsentEthnicityIsUnknown() {
        assertThat(group(Breakdown.ETHNICITY_GROUP, ethnicity(null))).isEqualTo("unknown");
        assertThat(group(Breakdown.ETHNICITY, ethnicity(null))).isEqualTo("unknown");
        assertThat(Breakdown.ETHNICITY.slot(ethnicity(null))).isEqualTo(18);
        // Z and 99 keep their own detailed groups, distinct from "not recorded"
        assertThat(Breakdown.ETHNICITY.slot(ethnicity("Z"))).isEqualTo(16);
        assertThat(Breakdown.ETHNICITY.slot(ethnicity("99"))).isEqualTo(17);
    }

    @ParameterizedTest(name = "age {0}: band {1}")
    @CsvSource({"0, 0-17", "17, 0-17", "18, 18-39", "39, 18-39", "40, 40-64", "64, 40-64", "65, 65-79",
            "79, 65-79", "80, 80+", "120, 80+"})
    void ageBands(int age, String band) {
        assertThat(group(Breakdown.AGE_BAND, age(age))).isEqualTo(band);
    }

    @Test
    void anUnknownAgeIsUnknown() {
        assertThat(group(Breakdown.AGE_BAND, age(null))).isEqualTo("unknown");
    }

    @Test
    void sexCodes() {
        assertThat(group(Breakdown.SEX, sex("1"))).isEqualTo("male");
        assertThat(group(Breakdown.SEX, sex("2"))).isEqualTo("female");
        assertThat(group(Breakdown.SEX, sex("9"))).isEqualTo("other");
        assertThat(group(Breakdown.SEX, sex("X"))).isEqualTo("unknown");
        assertThat(group(Breakdown.SEX, sex(null))).isEqualTo("unknown");
    }

    @Test
    void plusGroupsYesOrNo() {
        for (String g : EventParser.DEFAULT_PLUS_GROUPS) {
            Breakdown b = Breakdown.plus(g);
            assertThat(group(b, plus(g))).as(g).isEqualTo("yes");
            assertThat(group(b, plus())).as(g).isEqualTo("no");
            List<String> others = new ArrayList<>(EventParser.DEFAULT_PLUS_GROUPS);
            others.remove(g);
            assertThat(group(b, plus(others.toArray(String[]::new)))).as(g).isEqualTo("no");
            assertThat(group(b, plus("HOMELESS", g))).as(g).isEqualTo("yes");
        }
    }

    @Test
    void noneHasOneSlotForEveryone() {
        assertThat(Breakdown.NONE.slots()).isEqualTo(1);
        assertThat(Breakdown.NONE.slot(decile(1))).isZero();
        assertThat(Breakdown.NONE.slot(new EventProfile(null, null, null, null, List.of()))).isZero();
    }

    // ---------------------------------------------------------------- the layout

    @Test
    void offsetsAreContiguousAndSlotsIsTheirSum() {
        int expected = 0;
        for (Breakdown b : LAYOUT.list()) {
            assertThat(LAYOUT.offset(b)).as(b.id).isEqualTo(expected);
            assertThat(b.slots()).as(b.id).isEqualTo(Math.max(1, b.groups.size()));
            expected += b.slots();
        }
        assertThat(LAYOUT.slots()).isEqualTo(expected)
                .isEqualTo(1 + 6 + 11 + 3 + 6 + 19 + 6 + 4 + 2 * EventParser.DEFAULT_PLUS_GROUPS.size());
    }

    @Test
    void everyProfileTakesOneSlotInEachBreakdownsRange() {
        List<EventProfile> profiles = new ArrayList<>();
        Integer[] deciles = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null};
        String[] codes = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99",
                null};
        String[] sexes = {"1", "2", "9", "X", null};
        Integer[] ages = {0, 17, 18, 40, 65, 80, 120, null};
        for (int i = 0; i < 200; i++) {
            List<String> plus = new ArrayList<>();
            for (int g = 0; g < EventParser.DEFAULT_PLUS_GROUPS.size(); g++) {
                if ((i >> g & 1) == 1) {
                    plus.add(EventParser.DEFAULT_PLUS_GROUPS.get(g));
                }
            }
            profiles.add(new EventProfile(deciles[i % deciles.length], codes[i % codes.length],
                    sexes[i % sexes.length], ages[i % ages.length], plus));
        }
        Set<Integer> used = new HashSet<>();
        for (EventProfile p : profiles) {
            int[] slots = LAYOUT.slotsOf(p);
            assertThat(slots).hasSize(LAYOUT.list().size());
            for (int i = 0; i < slots.length; i++) {
                Breakdown b = LAYOUT.list().get(i);
                assertThat(slots[i]).as("%s of %s", b.id, p)
                        .isEqualTo(LAYOUT.offset(b) + b.slot(p))
                        .isBetween(LAYOUT.offset(b), LAYOUT.offset(b) + b.slots() - 1);
                used.add(slots[i]);
            }
        }
        // between them the profiles reach every slot of every breakdown
        assertThat(used).hasSize(LAYOUT.slots());
    }

    @Test
    void profilesOfTheTestHelperLandInTheirGroups() {
        for (Breakdown b : LAYOUT.list()) {
            for (int g = 0; g < b.groups.size(); g++) {
                EventProfile p = TestEvents.profileIn(b, g);
                assertThat(b.slot(p)).as("%s group %s", b.id, b.groups.get(g)).isEqualTo(g);
                assertThat(Arrays.stream(LAYOUT.slotsOf(p)).boxed().toList()).contains(LAYOUT.offset(b) + g);
            }
        }
    }

    @Test
    void byIdAndUnknownBreakdowns() {
        for (Breakdown b : LAYOUT.list()) {
            assertThat(LAYOUT.byId(b.id)).isEqualTo(b);
        }
        assertThat(LAYOUT.byId("plus:SMI")).isEqualTo(Breakdown.plus("SMI"));
        assertThatThrownBy(() -> LAYOUT.byId("plus:GAMBLER")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LAYOUT.offset(Breakdown.plus("GAMBLER"))).isInstanceOf(IllegalArgumentException.class);
        Breakdowns custom = new Breakdowns(List.of("GAMBLER"));
        assertThat(custom.list()).extracting(b -> b.id).endsWith("sex", "plus:GAMBLER");
        assertThat(custom.offset(Breakdown.plus("GAMBLER"))).isEqualTo(custom.slots() - 2);
        assertThat(new Breakdowns(List.of()).slots()).isEqualTo(1 + 6 + 11 + 3 + 6 + 19 + 6 + 4);
    }
}
