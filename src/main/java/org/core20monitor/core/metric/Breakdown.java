package org.core20monitor.core.metric;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.core20monitor.core.reference.AgeBand;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.EthnicityGroup;

/**
 * How a view splits its population (SPEC §6, §8), with the fixed list of group keys of each, so
 * counts live in flat arrays and every view lists its groups in the same order. The PLUS-group
 * breakdowns come from the configured PLUS list ({@link #all(List)}).
 */
public final class Breakdown implements Serializable {

    /** Which group of a breakdown an event falls in, as its slot in {@link #groups}. */
    @FunctionalInterface
    interface Slotter extends Serializable {
        int slot(EventProfile profile);
    }

    private static final List<String> ETHNICITY_CODES = List.of(
            "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99", "unknown");
    private static final List<String> ETHNICITY_LABELS = List.of(
            "A White British", "B White Irish", "C Any other White background",
            "D White and Black Caribbean", "E White and Black African", "F White and Asian",
            "G Any other mixed background", "H Indian", "J Pakistani", "K Bangladeshi",
            "L Any other Asian background", "M Caribbean", "N African", "P Any other Black background",
            "R Chinese", "S Any other ethnic group", "Z Not stated", "99 Not known", "Not recorded");

    public static final Breakdown NONE = new Breakdown("none", "All patients", List.of(), List.of(), p -> 0);
    public static final Breakdown IMD_QUINTILE = new Breakdown("imd_quintile", "IMD quintile",
            List.of("1", "2", "3", "4", "5", "unknown"),
            List.of(Deprivation.quintileLabel(1), Deprivation.quintileLabel(2), Deprivation.quintileLabel(3),
                    Deprivation.quintileLabel(4), Deprivation.quintileLabel(5), "IMD unknown"),
            p -> p.imdDecile() == null ? 5 : Deprivation.quintile(p.imdDecile()) - 1);
    public static final Breakdown IMD_DECILE = new Breakdown("imd_decile", "IMD decile",
            List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "unknown"),
            List.of("Decile 1 (most deprived 10%)", "Decile 2", "Decile 3", "Decile 4", "Decile 5", "Decile 6",
                    "Decile 7", "Decile 8", "Decile 9", "Decile 10 (least deprived 10%)", "IMD unknown"),
            p -> p.imdDecile() == null ? 10 : p.imdDecile() - 1);
    public static final Breakdown CORE20 = new Breakdown("core20", "Core20 vs the rest",
            List.of("core20", "rest", "unknown"),
            List.of("Core20 (most deprived 20%)", "The rest (IMD quintiles 2–5)", "IMD unknown"),
            p -> p.imdDecile() == null ? 2 : Deprivation.isCore20(p.imdDecile()) ? 0 : 1);
    public static final Breakdown ETHNICITY_GROUP = new Breakdown("ethnicity_group", "Ethnicity group",
            List.of(EthnicityGroup.WHITE.key, EthnicityGroup.MIXED.key, EthnicityGroup.ASIAN.key,
                    EthnicityGroup.BLACK.key, EthnicityGroup.OTHER.key, EthnicityGroup.UNKNOWN.key),
            List.of(EthnicityGroup.WHITE.label, EthnicityGroup.MIXED.label, EthnicityGroup.ASIAN.label,
                    EthnicityGroup.BLACK.label, EthnicityGroup.OTHER.label, EthnicityGroup.UNKNOWN.label),
            p -> EthnicityGroup.of(p.ethnicity()).ordinal());
    public static final Breakdown ETHNICITY = new Breakdown("ethnicity", "Ethnic category", ETHNICITY_CODES,
            ETHNICITY_LABELS, p -> p.ethnicity() == null ? ETHNICITY_CODES.size() - 1 : ETHNICITY_CODES.indexOf(p.ethnicity()));
    public static final Breakdown AGE_BAND = new Breakdown("age_band", "Age band",
            List.of(AgeBand.AGE_0_17.key, AgeBand.AGE_18_39.key, AgeBand.AGE_40_64.key, AgeBand.AGE_65_79.key,
                    AgeBand.AGE_80_PLUS.key, AgeBand.UNKNOWN.key),
            List.of("0–17", "18–39", "40–64", "65–79", "80 and over", "Age unknown"),
            p -> AgeBand.of(p.age()).ordinal());
    public static final Breakdown SEX = new Breakdown("sex", "Sex",
            List.of("male", "female", "other", "unknown"), List.of("Male", "Female", "Other", "Not known"),
            p -> p.sex() == null ? 3 : switch (p.sex()) {
                case "1" -> 0;
                case "2" -> 1;
                case "9" -> 2;
                default -> 3;
            });

    private static final List<Breakdown> STANDARD =
            List.of(NONE, IMD_QUINTILE, IMD_DECILE, CORE20, ETHNICITY_GROUP, ETHNICITY, AGE_BAND, SEX);

    public final String id;
    public final String label;
    public final List<String> groups;
    public final List<String> labels;
    private final Slotter slotter;

    private Breakdown(String id, String label, List<String> groups, List<String> labels, Slotter slotter) {
        this.id = id;
        this.label = label;
        this.groups = groups;
        this.labels = labels;
        this.slotter = slotter;
    }

    /** Readers' names of the usual PLUS groups; another configured group is named from its code. */
    private static final java.util.Map<String, String> PLUS_NAMES = java.util.Map.of(
            "SMI", "Severe mental illness", "HOMELESS", "Experiencing homelessness",
            "TRAVELLER", "Gypsy, Roma and Traveller communities", "REFUGEE", "Refugees and asylum seekers",
            "CARER", "Carers");

    /** A PLUS group against everyone else: groups {@code yes} and {@code no}. */
    public static Breakdown plus(String group) {
        String readable = PLUS_NAMES.getOrDefault(group,
                group.charAt(0) + group.substring(1).toLowerCase().replace('_', ' '));
        return new Breakdown("plus:" + group, readable + " (PLUS group)", List.of("yes", "no"),
                List.of(readable, "Everyone else"), p -> p.plusGroups().contains(group) ? 0 : 1);
    }

    /** Every breakdown, with one for each configured PLUS group. */
    public static List<Breakdown> all(List<String> plusGroups) {
        List<Breakdown> all = new ArrayList<>(STANDARD);
        for (String group : plusGroups) {
            all.add(plus(group));
        }
        return List.copyOf(all);
    }

    /** Number of count slots: the groups, or one slot for the overall of {@link #NONE}. */
    public int slots() {
        return Math.max(1, groups.size());
    }

    public int slot(EventProfile profile) {
        return slotter.slot(profile);
    }

    /** One PLUS group against everyone else. */
    public boolean isPlus() {
        return id.startsWith("plus:");
    }

    /** IMD quintile and decile: the breakdowns with a deprivation gradient (gap, SII, RII). */
    public boolean isDeprivation() {
        return id.equals(IMD_QUINTILE.id) || id.equals(IMD_DECILE.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Breakdown b && b.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
