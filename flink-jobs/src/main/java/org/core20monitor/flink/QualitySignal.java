package org.core20monitor.flink;

/** One record's contribution to a data-quality counter (accepted, duplicate, rejected:{reason}, imd_unknown, late, …). */
public record QualitySignal(String counter, long eventTimeMillis) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";
    public static final String IMD_UNKNOWN = "imd_unknown";
    public static final String LSOA_UNMAPPED = "lsoa_unmapped";
    public static final String ETHNICITY_UNKNOWN = "ethnicity_unknown";
    public static final String LATE = "late";

    public static QualitySignal rejected(String reason) {
        return new QualitySignal(REJECTED + ":" + reason, Long.MIN_VALUE);
    }
}
