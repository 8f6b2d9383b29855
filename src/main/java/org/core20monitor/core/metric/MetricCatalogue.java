package org.core20monitor.core.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.view.Inequality;

/** The metric catalogue as served to users: definitions, units, targets, directions and methods. */
public final class MetricCatalogue {

    private MetricCatalogue() {}

    public static List<Map<String, Object>> metrics() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id);
            entry.put("label", m.label);
            entry.put("unit", m.unit());
            entry.put("kind", m.kind.name().toLowerCase());
            entry.put("source", switch (m.source) {
                case EVENTS -> "events in the month";
                case WAITS -> "open RTT pathways at the end of the month (or at the latest event time)";
                case COMPLETED -> "RTT pathways whose clock stopped in the month";
            });
            entry.put("numerator", m.numeratorDefinition);
            entry.put("denominator", m.denominatorDefinition);
            entry.put("target", m.target);
            entry.put("direction", m.direction.name());
            entry.put("target_text", m.targetText);
            entry.put("interval", m.kind.interval);
            entry.put("inequality", inequalityMethod(m));
            list.add(entry);
        }
        return list;
    }

    private static String inequalityMethod(Metric m) {
        return switch (m.kind) {
            case PROPORTION -> "gap: Newcombe hybrid score interval; ratio: log method; SII/RII: " + sii("logit");
            case RATIO, RATE_PER_100 -> "gap: normal approximation on Byar standard errors; ratio: log method; SII/RII: "
                    + sii("log");
            case CHANGE -> "gap and ratio of values without intervals; SII/RII: " + sii("no transform");
            case MEDIAN -> "gap and ratio of medians without intervals; SII/RII: " + sii("untransformed (weeks)");
            case COUNT -> "none (counts depend on group size)";
        };
    }

    private static String sii(String scale) {
        return "PHEindicatormethods phe_sii on the " + scale + " scale, Monte Carlo 95% intervals; SII reads "
                + Inequality.ORIENTATION;
    }

    public static List<Map<String, Object>> breakdowns(Breakdowns breakdowns) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Breakdown b : breakdowns.list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", b.id);
            entry.put("label", b.label);
            entry.put("groups", b.groups);
            entry.put("labels", b.labels);
            list.add(entry);
        }
        return list;
    }

    public static Map<String, Object> scopes(ClinicalAreas areas) {
        Map<String, Object> scopes = new LinkedHashMap<>();
        scopes.put("filters", List.of("england", "icb", "provider", "specialty", "area", "icb+provider",
                "icb+specialty", "icb+area"));
        scopes.put("areas", areas.ids());
        return scopes;
    }
}
