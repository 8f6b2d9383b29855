package org.core20monitor.core.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;

/**
 * Real integrated care boards for synthetic data: each is the LSOAs of its local authorities, taken
 * from the IoD2019 file (which names them and gives their populations), keeping only codes that the
 * chosen IMD edition also knows, so every generated LSOA maps to a real decile.
 */
final class IcbGeography {

    record Icb(String code, List<String> providers, double minorityShare, String[] lsoas, double[] cumulativeWeight) {}

    private static final Map<String, List<String>> LOCAL_AUTHORITIES = Map.of(
            "QWE", List.of("Croydon", "Kingston upon Thames", "Merton", "Richmond upon Thames", "Sutton", "Wandsworth"),
            "QKK", List.of("Bexley", "Bromley", "Greenwich", "Lambeth", "Lewisham", "Southwark"),
            "QOP", List.of("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
                    "Trafford", "Wigan"),
            "QHL", List.of("Birmingham", "Solihull"),
            "QYG", List.of("Cheshire East", "Cheshire West and Chester", "Halton", "Knowsley", "Liverpool", "Sefton",
                    "St. Helens", "Warrington", "Wirral"),
            "QT6", List.of("Cornwall", "Isles of Scilly"));

    private static final Map<String, List<String>> PROVIDERS = Map.of(
            "QWE", List.of("RJ7", "RVR", "RJ6", "RAX"),
            "QKK", List.of("RJ1", "RJZ", "RJ2"),
            "QOP", List.of("R0A", "RM3", "RMC", "RW6"),
            "QHL", List.of("RRK", "RQ3", "RXK"),
            "QYG", List.of("REM", "RBN", "RBL", "RBT"),
            "QT6", List.of("REF"));

    /** Share of the population from ethnic minority groups, as in the 2021 census for these areas. */
    private static final Map<String, Double> MINORITY_SHARE = Map.of(
            "QWE", 0.42, "QKK", 0.45, "QOP", 0.25, "QHL", 0.48, "QYG", 0.09, "QT6", 0.04);

    static Set<String> known() {
        return LOCAL_AUTHORITIES.keySet();
    }

    static Icb load(String code, ImdLookup edition, ImdLookup imd2019) {
        List<String> authorities = LOCAL_AUTHORITIES.get(code);
        if (authorities == null) {
            throw new IllegalArgumentException("no synthetic geography for ICB " + code + "; known: " + known());
        }
        List<ImdLookup.Area> areas = new ArrayList<>();
        for (ImdLookup.Area area : imd2019.areas()) {
            if (authorities.contains(area.localAuthority())
                    && (edition.edition() == ImdEdition.IMD2019 || edition.decile(area.lsoa()) != null)) {
                areas.add(area);
            }
        }
        String[] lsoas = new String[areas.size()];
        double[] cumulative = new double[areas.size()];
        double total = 0;
        for (int i = 0; i < areas.size(); i++) {
            lsoas[i] = areas.get(i).lsoa();
            total += Math.max(1, areas.get(i).population());
            cumulative[i] = total;
        }
        return new Icb(code, PROVIDERS.get(code), MINORITY_SHARE.get(code), lsoas, cumulative);
    }
}
