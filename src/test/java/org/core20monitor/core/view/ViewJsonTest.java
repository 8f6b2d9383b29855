package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.WaitStats;
import org.junit.jupiter.api.Test;

/** The JSON form of a view (SPEC §8). */
class ViewJsonTest {

    /** The example of SPEC §8, verbatim. */
    static final String SPEC_EXAMPLE = """
            {"metric":"pifu_rate","period":"2026-10","provisional":true,
             "scope":{"icb":"QWE","provider":null,"specialty":"330","area":null},
             "breakdown":"imd_quintile","updated_at":"2026-11-24T05:00:00Z",
             "overall":{"numerator":812,"denominator":20345,"value":3.99,"lower":3.73,"upper":4.27},
             "groups":[{"group":"1","label":"Most deprived 20%","numerator":101,"denominator":4100,"value":2.46,"lower":2.03,"upper":2.98,"vs_overall":"lower"}],
             "inequality":{"gap":-2.9,"gap_lower":-3.5,"gap_upper":-2.3,"ratio":0.46,"ratio_lower":0.37,"ratio_upper":0.57,"sii":3.4,"sii_lower":2.6,"sii_upper":4.2,"rii":2.3,"rii_lower":1.8,"rii_upper":2.9,"orientation":"least deprived minus most deprived"}}
            """;

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static View sampleView(Scope scope, Inequality inequality) {
        TestCells.Cell cell = TestCells.cell().provisional(true);
        TestEvents.addPifuGroup(cell, 1, 10, 400);
        TestEvents.addPifuGroup(cell, 9, 60, 500);
        TestEvents.addPifuGroup(cell, null, 3, 30);
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", scope,
                TestCells.of(cell.snapshot("2026-10", scope)));
        return v.withFigures(v.overall(), v.groups(), inequality, v.notes(), v.unknownShare());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final Inequality INEQUALITY = new Inequality(-2.9, -3.5, -2.3, 0.46, 0.37, 0.57, 3.4, 2.6, 4.2,
            2.3, 1.8, 2.9, "least deprived minus most deprived", null, null, null, null);

    @Test
    void topLevelFieldsAreSnakeCase() throws Exception {
        View view = sampleView(Scope.icb("QWE"), INEQUALITY);
        JsonNode json = PLAIN.readTree(ViewJson.write(view));
        // quintiles 2-4 are empty, so the view carries a note (no SII); as_of is only for waiting-list views
        assertThat(view.notes()).isNotEmpty();
        assertThat(names(json)).containsExactlyInAnyOrder("metric", "period", "provisional", "scope", "breakdown",
                "updated_at", "overall", "groups", "inequality", "notes", "unknown_share");
        assertThat(json.get("unknown_share").isNumber()).isTrue();
        assertThat(json.get("notes").isArray()).isTrue();
        assertThat(json.get("metric").asText()).isEqualTo("pifu_rate");
        assertThat(json.get("period").asText()).isEqualTo("2026-10");
        assertThat(json.get("provisional").isBoolean()).isTrue();
        assertThat(json.get("provisional").booleanValue()).isTrue();
        assertThat(json.get("breakdown").asText()).isEqualTo("imd_quintile");
        assertThat(json.get("updated_at").asText()).isEqualTo("2026-11-24T05:00:00Z");
    }

    /**
     * SPEC §8: scope is "an object with icb, provider, specialty, area, each null when not
     * restricted" — exactly those four keys, which API clients and exports use verbatim.
     */
    @Test
    void scopeHasAllFourKeysEvenWhenNull() throws Exception {
        JsonNode england = PLAIN.readTree(ViewJson.write(sampleView(Scope.ENGLAND, null))).get("scope");
        assertThat(names(england)).containsExactlyInAnyOrder("icb", "provider", "specialty", "area");
        for (String key : List.of("icb", "provider", "specialty", "area")) {
            assertThat(england.get(key).isNull()).as(key).isTrue();
        }
        JsonNode qwe = PLAIN.readTree(ViewJson.write(sampleView(new Scope("QWE", null, "330", null), null)))
                .get("scope");
        assertThat(names(qwe)).containsExactlyInAnyOrder("icb", "provider", "specialty", "area");
        assertThat(qwe.get("icb").asText()).isEqualTo("QWE");
        assertThat(qwe.get("specialty").asText()).isEqualTo("330");
        assertThat(qwe.get("provider").isNull()).isTrue();
        assertThat(qwe.get("area").isNull()).isTrue();
    }

    @Test
    void groupsAndOverallUseTheSpecNames() throws Exception {
        JsonNode json = PLAIN.readTree(ViewJson.write(sampleView(Scope.icb("QWE"), null)));
        JsonNode groups = json.get("groups");
        assertThat(groups.isArray()).isTrue();
        assertThat(groups).hasSize(6);
        JsonNode q1 = groups.get(0);
        assertThat(names(q1)).containsExactlyInAnyOrder("group", "label", "numerator", "denominator", "value",
                "lower", "upper", "vs_overall", "suppressed", "vs_reference");
        assertThat(q1.get("vs_reference").get("reference").asText()).as("quintiles against the least deprived")
                .isEqualTo("5");
        assertThat(names(q1)).doesNotContain("vsOverall");
        assertThat(q1.get("group").asText()).isEqualTo("1");
        assertThat(q1.get("label").asText()).isEqualTo("Most deprived 20%");
        assertThat(q1.get("numerator").asLong()).isEqualTo(10);
        assertThat(q1.get("denominator").asLong()).isEqualTo(400);
        assertThat(q1.get("value").asDouble()).isEqualTo(2.5);
        assertThat(q1.get("vs_overall").asText()).isEqualTo("lower");
        assertThat(q1.get("suppressed").booleanValue()).isFalse();
        // a group without data: value null but present
        JsonNode q2 = groups.get(1);
        assertThat(q2.has("value")).isTrue();
        assertThat(q2.get("value").isNull()).isTrue();
        assertThat(q2.get("vs_overall").isNull()).isTrue();
        JsonNode overall = json.get("overall");
        assertThat(names(overall)).contains("numerator", "denominator", "value", "lower", "upper");
        assertThat(overall.get("numerator").asLong()).isEqualTo(73);
        assertThat(overall.get("denominator").asLong()).isEqualTo(930);
        // the inequality of a view that has none is null
        assertThat(json.has("inequality")).isTrue();
        assertThat(json.get("inequality").isNull()).isTrue();
    }

    @Test
    void inequalityUsesTheSpecNames() throws Exception {
        JsonNode inequality = PLAIN.readTree(ViewJson.write(sampleView(Scope.ENGLAND, INEQUALITY))).get("inequality");
        assertThat(names(inequality)).containsExactlyInAnyOrder("gap", "gap_lower", "gap_upper", "ratio",
                "ratio_lower", "ratio_upper", "sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper",
                "orientation", "gap_method", "sii_method", "note");
        assertThat(inequality.get("sii_lower").asDouble()).isEqualTo(2.6);
        assertThat(inequality.get("orientation").asText()).isEqualTo("least deprived minus most deprived");
    }

    @Test
    void roundTripsThroughRead() {
        for (View v : List.of(sampleView(Scope.ENGLAND, null), sampleView(Scope.icb("QWE"), INEQUALITY),
                sampleView(new Scope("QKK", "RJ1", "330", "cancer"), null))) {
            String json = ViewJson.write(v);
            View back = ViewJson.read(json);
            assertThat(back).isEqualTo(v);
            assertThat(ViewJson.write(back)).isEqualTo(json);
        }
    }

    @Test
    void suppressedGroupsRoundTrip() {
        View v = sampleView(Scope.ENGLAND, null);
        GroupValue hidden = new GroupValue("unknown", "IMD unknown", null, 30L, null, null, null, null, true);
        View withHidden = v.withFigures(v.overall(), List.of(v.groups().get(0), hidden), null, v.notes(), null);
        View back = ViewJson.read(ViewJson.write(withHidden));
        assertThat(back).isEqualTo(withHidden);
        assertThat(back.groups().get(1).suppressed()).isTrue();
        assertThat(back.groups().get(1).numerator()).isNull();
    }

    @Test
    void readsTheSpecExample() throws Exception {
        View v = ViewJson.read(SPEC_EXAMPLE);
        assertThat(v.metric()).isEqualTo("pifu_rate");
        assertThat(v.period()).isEqualTo("2026-10");
        assertThat(v.provisional()).isTrue();
        assertThat(v.scope()).isEqualTo(new Scope("QWE", null, "330", null));
        assertThat(v.breakdown()).isEqualTo("imd_quintile");
        assertThat(v.updatedAt()).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(v.overall().numerator()).isEqualTo(812L);
        assertThat(v.overall().denominator()).isEqualTo(20345L);
        assertThat(v.overall().value()).isEqualTo(3.99);
        assertThat(v.groups()).hasSize(1);
        GroupValue q1 = v.groups().get(0);
        assertThat(q1.group()).isEqualTo("1");
        assertThat(q1.label()).isEqualTo("Most deprived 20%");
        assertThat(q1.vsOverall()).isEqualTo("lower");
        assertThat(q1.upper()).isEqualTo(2.98);
        assertThat(q1.suppressed()).isFalse();
        assertThat(v.inequality()).isEqualTo(INEQUALITY);

        // writing it back keeps every field of the example with the same value
        JsonNode original = PLAIN.readTree(SPEC_EXAMPLE);
        JsonNode rewritten = PLAIN.readTree(ViewJson.write(v));
        assertContains(rewritten, original, "$");
    }

    /** Every field of {@code expected} is in {@code actual} with an equal value (actual may have more). */
    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                assertThat(actual.has(f.getKey())).as(path + "." + f.getKey()).isTrue();
                assertContains(actual.get(f.getKey()), f.getValue(), path + "." + f.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path).isTrue();
            assertThat(actual.asDouble()).as(path).isEqualTo(expected.asDouble());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    @Test
    void badJsonIsRejected() {
        assertThatThrownBy(() -> ViewJson.read("{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopeIds() {
        assertThat(Scope.ENGLAND.id()).isEqualTo("*.*.*.*");
        assertThat(Scope.icb("QWE").id()).isEqualTo("QWE.*.*.*");
        Scope s = new Scope("QWE", "RJ7", "330", "cancer");
        assertThat(Scope.fromId(s.id())).isEqualTo(s);
        assertThat(Scope.fromId("*.*.*.*").isEngland()).isTrue();
        assertThatThrownBy(() -> Scope.icb("qwe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.fromId("QWE.*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitingListViewsCarryAsOfAndEthnicityViewsVsReference() throws Exception {
        TestCells.Cell cell = TestCells.cell().waitsAsOf("2026-10-31");
        cell.waiting(TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, 0), 100, 40);
        cell.waiting(TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, 3), 400, 30);
        cell.waiting(TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, 3), 20, 30);
        View v = ViewBuilder.build(Metric.OVER_52W, Breakdown.ETHNICITY_GROUP, "2026-10", Scope.ENGLAND,
                TestCells.of(cell.snapshot("2026-10", Scope.ENGLAND)));
        JsonNode json = PLAIN.readTree(ViewJson.write(v));
        assertThat(json.get("as_of").asText()).isEqualTo("2026-10-31");
        JsonNode black = json.get("groups").get(3);
        assertThat(black.get("group").asText()).isEqualTo("black");
        assertThat(names(black.get("vs_reference"))).containsExactlyInAnyOrder("reference", "difference",
                "difference_lower", "difference_upper", "ratio", "ratio_lower", "ratio_upper", "significant",
                "patients", "patients_lower", "patients_upper");
        assertThat(black.get("vs_reference").get("difference").asDouble()).isCloseTo(50.0,
                org.assertj.core.api.Assertions.within(1e-9));
        // 60 pathways, half over 52 weeks against none of White patients': 30 fewer at White patients' rate.
        assertThat(black.get("vs_reference").get("patients").asDouble()).isCloseTo(-30.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.get("groups").get(0).has("vs_reference")).as("White is not compared with itself").isFalse();
        View back = ViewJson.read(ViewJson.write(v));
        assertThat(back.groups()).isEqualTo(v.groups());
        assertThat(back.asOf()).isEqualTo(v.asOf());
        assertThat(ViewJson.write(back)).isEqualTo(ViewJson.write(v));
    }

    /**
     * A view without notes (the usual case) must read back equal to itself, like every other view:
     * the builder gives it an empty list, which the JSON leaves out (NON_EMPTY), and reading it back
     * must not turn "no notes" into null.
     */
    @Test
    void aViewWithoutNotesRoundTripsEqual() {
        TestCells.Cell cell = TestCells.cell();
        TestEvents.addPifuGroup(cell, 1, 10, 400);
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, "2026-10", Scope.ENGLAND,
                TestCells.of(cell.snapshot("2026-10", Scope.ENGLAND)));
        assertThat(v.notes()).isEmpty();
        View back = ViewJson.read(ViewJson.write(v));
        assertThat(back.notes()).as("notes read back").isNotNull().isEmpty();
        assertThat(back).isEqualTo(v);
    }

    // ---------------------------------------------------------------- cell snapshots

    private static CellSnapshot sampleCell() {
        TestCells.Cell cell = TestCells.cell().provisional(true).updatedAt("2026-11-02T08:00:00Z");
        EventProfile p = new EventProfile(2, "N", "1", 70, List.of("CARER", "SMI"));
        cell.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED, Medium.VIDEO, Outcome.PIFU), p, 17);
        cell.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.DNA, null, null), p, 3);
        cell.add(TestEvents.builder(EventType.ADVICE_REQUEST).build(), TestEvents.NEUTRAL, 5);
        cell.waitsAsOf("2026-10-31").waiting(p, 400, 9).waiting(TestEvents.NEUTRAL, 30, 12)
                .waiting(TestEvents.NEUTRAL, 31, 1);
        cell.completed(p, 90, 4);
        return cell.snapshot("2026-10", new Scope("QWE", null, "711", "smi"));
    }

    private static void assertSameCell(CellSnapshot back, CellSnapshot c) {
        assertThat(back.period()).isEqualTo(c.period());
        assertThat(back.scope()).isEqualTo(c.scope());
        assertThat(back.provisional()).isEqualTo(c.provisional());
        assertThat(back.updatedAt()).isEqualTo(c.updatedAt());
        assertThat(back.plusGroups()).isEqualTo(c.plusGroups());
        assertThat(back.events()).isEqualTo(c.events());
        assertThat(back.counts()).isEqualTo(c.counts());
        assertThat(back.waitsAsOf()).isEqualTo(c.waitsAsOf());
        assertThat(back.waits()).isEqualTo(c.waits());
        assertThat(back.completed()).isEqualTo(c.completed());
    }

    @Test
    void aCellSnapshotRoundTripsThroughTheMapper() throws Exception {
        CellSnapshot c = sampleCell();
        assertThat(c.events()).isNotNull();
        assertThat(c.waits()).hasSize(c.breakdowns().slots());
        WaitStats overall = c.waits().get(0);
        assertThat(List.of(overall.pathways(), overall.within18w(), overall.over52w(), overall.over65w()))
                .containsExactly(22L, 13L, 9L, 0L);
        assertThat(overall.medianDays()).isEqualTo(30.0);
        assertThat(overall.medianLowerDays()).isLessThanOrEqualTo(30.0);
        assertThat(overall.medianUpperDays()).isGreaterThanOrEqualTo(30.0);
        String json = ViewJson.mapper().writeValueAsString(c);
        CellSnapshot back = ViewJson.mapper().readValue(json, CellSnapshot.class);
        assertSameCell(back, c);
        assertThat(ViewJson.mapper().writeValueAsString(back)).isEqualTo(json);
        // and the views built from it are the same
        for (Metric m : Metric.values()) {
            for (Breakdown b : List.of(Breakdown.NONE, Breakdown.IMD_QUINTILE, Breakdown.plus("CARER"))) {
                assertThat(ViewBuilder.build(m, b, "2026-10", c.scope(), TestCells.of(back)))
                        .as("%s by %s", m.id, b.id)
                        .isEqualTo(ViewBuilder.build(m, b, "2026-10", c.scope(), TestCells.of(c)));
            }
        }
    }

    @Test
    void aCellWithoutEventsOrWaitsRoundTrips() throws Exception {
        CellSnapshot c = TestCells.cell().withoutEvents().snapshot("2026-09", Scope.ENGLAND);
        assertThat(c.events()).isNull();
        assertThat(c.waits()).isNull();
        CellSnapshot back = ViewJson.mapper().readValue(ViewJson.mapper().writeValueAsString(c), CellSnapshot.class);
        assertSameCell(back, c);
        assertThat(back.counts().isEmpty()).isTrue();
    }

    @Test
    void cellSnapshotJsonIsSnakeCase() throws Exception {
        JsonNode json = PLAIN.readTree(ViewJson.mapper().writeValueAsString(sampleCell()));
        assertThat(names(json)).contains("period", "scope", "provisional", "updated_at", "plus_groups", "events",
                "waits_as_of", "waits", "completed");
        assertThat(names(json.get("waits").get(0))).contains("pathways", "within18w", "over52w", "median_days");
    }
}
