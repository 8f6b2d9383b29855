package org.core20monitor.core.reference;

/** IMD quintiles and Core20 from deciles (SPEC §4). */
public final class Deprivation {

    private Deprivation() {}

    /** Quintile = ceil(decile / 2); quintile 1 (deciles 1–2) is the most deprived 20%. */
    public static int quintile(int decile) {
        if (decile < 1 || decile > 10) {
            throw new IllegalArgumentException("IMD decile must be 1–10, was " + decile);
        }
        return (decile + 1) / 2;
    }

    public static boolean isCore20(int decile) {
        return quintile(decile) == 1;
    }

    /**
     * The decile used for an event: its LSOA's decile when the lookup knows the LSOA, otherwise the
     * supplied decile, otherwise null ("IMD unknown").
     */
    public static Integer resolveDecile(ImdLookup lookup, String lsoa, Integer suppliedDecile) {
        Integer fromLsoa = lookup.decile(lsoa);
        return fromLsoa != null ? fromLsoa : suppliedDecile;
    }

    public static String quintileLabel(int quintile) {
        return switch (quintile) {
            case 1 -> "Most deprived 20%";
            case 2 -> "Quintile 2";
            case 3 -> "Quintile 3";
            case 4 -> "Quintile 4";
            case 5 -> "Least deprived 20%";
            default -> throw new IllegalArgumentException("quintile " + quintile);
        };
    }
}
