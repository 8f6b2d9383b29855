package org.core20monitor.core.reference;

/** NHS ethnic category groups (SPEC §4); White is the reference group for comparisons. */
public enum EthnicityGroup {
    WHITE("white", "White"),
    MIXED("mixed", "Mixed"),
    ASIAN("asian", "Asian or Asian British"),
    BLACK("black", "Black or Black British"),
    OTHER("other", "Other ethnic group"),
    UNKNOWN("unknown", "Not stated / not known");

    public final String key;
    public final String label;

    EthnicityGroup(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The group of an NHS ethnic category code; Z, 99 and absent are unknown. */
    public static EthnicityGroup of(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        return switch (code) {
            case "A", "B", "C" -> WHITE;
            case "D", "E", "F", "G" -> MIXED;
            case "H", "J", "K", "L" -> ASIAN;
            case "M", "N", "P" -> BLACK;
            case "R", "S" -> OTHER;
            default -> UNKNOWN;
        };
    }
}
