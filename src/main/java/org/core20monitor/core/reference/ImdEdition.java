package org.core20monitor.core.reference;

/** Which English Indices of Deprivation an LSOA code is looked up in. */
public enum ImdEdition {
    /** IoD2025 by LSOA 2021: the default. */
    IMD2025("imd/imd2025_lsoa21.csv", "lsoa21_code"),
    /** IoD2019 by LSOA 2011, for feeds that still carry 2011 codes. */
    IMD2019("imd/imd2019_lsoa11.csv", "lsoa11_code");

    final String resource;
    final String codeColumn;

    ImdEdition(String resource, String codeColumn) {
        this.resource = resource;
        this.codeColumn = codeColumn;
    }

    /** Accepts "2025", "2019", "imd2025" and so on, as given in configuration. */
    public static ImdEdition parse(String text) {
        String t = text.trim().toUpperCase();
        return valueOf(t.startsWith("IMD") ? t : "IMD" + t);
    }
}
