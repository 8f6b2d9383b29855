package org.core20monitor.core.metric;

import java.util.List;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.EthnicityGroup;

/**
 * How a view splits its population (SPEC §8), with the fixed list of group keys of each, so
 * counts can live in flat arrays and every view lists its groups in the same order.
 */
public enum Breakdown {
    NONE("none", List.of(), List.of()),
    IMD_QUINTILE("imd_quintile",
            List.of("1", "2", "3", "4", "5", "unknown"),
            List.of(Deprivation.quintileLabel(1), Deprivation.quintileLabel(2), Deprivation.quintileLabel(3),
                    Deprivation.quintileLabel(4), Deprivation.quintileLabel(5), "IMD unknown")),
    ETHNICITY_GROUP("ethnicity_group",
            List.of(EthnicityGroup.WHITE.key, EthnicityGroup.MIXED.key, EthnicityGroup.ASIAN.key,
                    EthnicityGroup.BLACK.key, EthnicityGroup.OTHER.key, EthnicityGroup.UNKNOWN.key),
            List.of(EthnicityGroup.WHITE.label, EthnicityGroup.MIXED.label, EthnicityGroup.ASIAN.label,
                    EthnicityGroup.BLACK.label, EthnicityGroup.OTHER.label, EthnicityGroup.UNKNOWN.label));

    public final String id;
    public final List<String> groups;
    public final List<String> labels;

    Breakdown(String id, List<String> groups, List<String> labels) {
        this.id = id;
        this.groups = groups;
        this.labels = labels;
    }

    /** Number of count slots: the groups, or one slot for the overall of {@link #NONE}. */
    public int slots() {
        return Math.max(1, groups.size());
    }

    /** The slot an event with this profile falls in. */
    public int slot(EventProfile profile) {
        return switch (this) {
            case NONE -> 0;
            case IMD_QUINTILE -> profile.imdDecile() == null ? 5 : Deprivation.quintile(profile.imdDecile()) - 1;
            case ETHNICITY_GROUP -> EthnicityGroup.of(profile.ethnicity()).ordinal();
        };
    }

    public static Breakdown byId(String id) {
        for (Breakdown b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown breakdown '" + id + "'");
    }
}
