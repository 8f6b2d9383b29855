package org.core20monitor.core.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Core20PLUS5 clinical areas from treatment function codes (SPEC §4). Areas whose id starts with
 * {@code cyp_} are for children and young people (age under 18); the others are adult areas (18 or
 * over, or age unknown), except maternity, which counts at any age. The table is configurable;
 * {@link #DEFAULT} is the documented default:
 *
 * <pre>
 * maternity=501,560
 * smi=710-715
 * respiratory=340,341
 * cancer=370,800,503
 * hypertension=320
 * cyp_asthma=258
 * cyp_diabetes=263
 * cyp_epilepsy=421
 * cyp_oral_health=140,141,143
 * cyp_mental_health=711
 * </pre>
 */
public final class ClinicalAreas implements Serializable {

    public static final List<String> DEFAULT_TABLE = List.of(
            "maternity=501,560", "smi=710-715", "respiratory=340,341", "cancer=370,800,503", "hypertension=320",
            "cyp_asthma=258", "cyp_diabetes=263", "cyp_epilepsy=421", "cyp_oral_health=140,141,143",
            "cyp_mental_health=711");
    public static final ClinicalAreas DEFAULT = parse(DEFAULT_TABLE);

    private final Map<String, Set<String>> specialties;

    private ClinicalAreas(Map<String, Set<String>> specialties) {
        this.specialties = specialties;
    }

    /** Lines of {@code area=code,code,from-to}; blank lines and lines starting with # are ignored. */
    public static ClinicalAreas parse(List<String> lines) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).strip().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("clinical area line must be area=codes, was: " + raw);
            }
            Set<String> codes = new TreeSet<>();
            for (String part : line.substring(eq + 1).split(",")) {
                String p = part.strip();
                if (p.matches("\\d{3}-\\d{3}")) {
                    int from = Integer.parseInt(p.substring(0, 3));
                    int to = Integer.parseInt(p.substring(4));
                    if (to < from) {
                        throw new IllegalArgumentException("backwards range '" + p + "' in: " + raw);
                    }
                    for (int c = from; c <= to; c++) {
                        codes.add(String.format("%03d", c));
                    }
                } else if (p.matches("\\d{3}")) {
                    codes.add(p);
                } else {
                    throw new IllegalArgumentException("not a treatment function code or range: '" + p + "' in: " + raw);
                }
            }
            table.put(line.substring(0, eq).strip(), Set.copyOf(codes));
        }
        return new ClinicalAreas(table);
    }

    public List<String> ids() {
        return List.copyOf(specialties.keySet());
    }

    private static final Map<String, String> LABELS = Map.of(
            "maternity", "Maternity",
            "smi", "Severe mental illness",
            "respiratory", "Chronic respiratory disease",
            "cancer", "Early cancer diagnosis",
            "hypertension", "Hypertension",
            "cyp_asthma", "Asthma (children and young people)",
            "cyp_diabetes", "Diabetes (children and young people)",
            "cyp_epilepsy", "Epilepsy (children and young people)",
            "cyp_oral_health", "Oral health (children and young people)",
            "cyp_mental_health", "Mental health (children and young people)");

    /** A reader's name for an area; a configured area without one is shown by its id. */
    public static String label(String area) {
        return LABELS.getOrDefault(area, area);
    }

    /** Adult areas that also count children and young people: maternity care at 16 is maternity care. */
    public static final Set<String> ALL_AGES = Set.of("maternity");

    /**
     * The areas an event of this specialty and age belongs to: children's areas for ages under 18,
     * adult areas for 18 and over or an unknown age, and {@link #ALL_AGES} areas at any age.
     */
    public List<String> areasOf(String specialty, Integer age) {
        boolean child = age != null && age < 18;
        List<String> areas = new ArrayList<>(1);
        for (Map.Entry<String, Set<String>> e : specialties.entrySet()) {
            boolean applies = ALL_AGES.contains(e.getKey()) || e.getKey().startsWith("cyp_") == child;
            if (applies && e.getValue().contains(specialty)) {
                areas.add(e.getKey());
            }
        }
        return areas;
    }
}
