package org.core20monitor.core.reference;

/** Age bands of SPEC §4. */
public enum AgeBand {
    AGE_0_17("0-17"), AGE_18_39("18-39"), AGE_40_64("40-64"), AGE_65_79("65-79"), AGE_80_PLUS("80+"), UNKNOWN("unknown");

    public final String key;

    AgeBand(String key) {
        this.key = key;
    }

    public static AgeBand of(Integer age) {
        if (age == null) {
            return UNKNOWN;
        }
        if (age < 18) {
            return AGE_0_17;
        }
        if (age < 40) {
            return AGE_18_39;
        }
        if (age < 65) {
            return AGE_40_64;
        }
        return age < 80 ? AGE_65_79 : AGE_80_PLUS;
    }
}
