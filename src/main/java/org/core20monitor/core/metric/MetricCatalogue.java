package org.core20monitor.core.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metric definitions as served to users: what each counts, its unit, target and direction. */
public final class MetricCatalogue {

    private MetricCatalogue() {}

    public static List<Map<String, Object>> metrics() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id);
            entry.put("label", m.label);
            entry.put("unit", m.unit());
            entry.put("kind", "proportion");
            entry.put("numerator", m.numeratorDefinition);
            entry.put("denominator", m.denominatorDefinition);
            entry.put("target", m.target);
            entry.put("direction", m.direction.name());
            entry.put("target_text", m.targetText);
            entry.put("interval", "Wilson score, 95%");
            list.add(entry);
        }
        return list;
    }

    public static List<Map<String, Object>> breakdowns() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Breakdown b : Breakdown.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", b.id);
            entry.put("label", switch (b) {
                case NONE -> "All patients";
                case IMD_QUINTILE -> "IMD quintile";
                case ETHNICITY_GROUP -> "Ethnicity group";
            });
            entry.put("groups", b.groups);
            list.add(entry);
        }
        return list;
    }
}
