package org.core20monitor.core.report;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.core20monitor.core.metric.Metric;

/**
 * Figures as exports print them, at the precision they are published at and in the same words as
 * the dashboard: "5.8%", "1.87", "4,255", "15.1 per 100", "9.7 weeks"; "*" for a suppressed figure.
 */
public final class Format {

    public static final String SUPPRESSED = "*";

    private Format() {}

    /** The bare number: two decimals for ratios, whole for counts, one otherwise. */
    public static String number(Double v, String unit) {
        if (v == null) {
            return SUPPRESSED;
        }
        return switch (unit == null ? "" : unit) {
            case "ratio" -> String.format(Locale.UK, "%,.2f", v);
            case "count" -> String.format(Locale.UK, "%,d", Math.round(v));
            default -> String.format(Locale.UK, "%,.1f", v + 0.0); // + 0.0 turns -0.0 into 0.0
        };
    }

    public static String value(Double v, Metric metric) {
        String unit = metric.unit();
        if (v == null) {
            return SUPPRESSED;
        }
        return switch (unit) {
            case "%" -> number(v, unit) + "%";
            case "ratio", "count" -> number(v, unit);
            default -> number(v, unit) + " " + unit;
        };
    }

    public static String count(Long n) {
        return n == null ? SUPPRESSED : String.format(Locale.UK, "%,d", n);
    }

    public static String interval(Double lower, Double upper, String unit) {
        return lower == null || upper == null ? SUPPRESSED : number(lower, unit) + " to " + number(upper, unit);
    }

    /** The unit of a difference between two values: percentage points for percentages. */
    public static String differenceUnit(Metric metric) {
        return switch (metric.unit()) {
            case "%" -> "percentage points";
            case "ratio", "count" -> "";
            default -> metric.unit();
        };
    }

    public static String difference(Double d, Metric metric) {
        if (d == null) {
            return SUPPRESSED;
        }
        String unit = differenceUnit(metric);
        return (d > 0 ? "+" : "") + number(d, metric.unit().equals("ratio") ? "ratio" : "") + (unit.isEmpty() ? "" : " " + unit);
    }

    /** "2026-10" → "October 2026". */
    public static String period(String period) {
        YearMonth m = YearMonth.parse(period);
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.UK) + " " + m.getYear();
    }

    /** "England", "ICB QWE", "ICB QWE, 330 Dermatology", "provider RXX", "ICB QWE, Maternity". */
    public static String scope(org.core20monitor.core.view.Scope scope) {
        String where = scope.icb() == null ? "England" : "ICB " + scope.icb();
        String within = scope.provider() != null ? "provider " + scope.provider()
                : scope.specialty() != null ? org.core20monitor.core.reference.TreatmentFunctions.label(scope.specialty())
                : scope.area() != null ? org.core20monitor.core.reference.ClinicalAreas.label(scope.area()) : null;
        return within == null ? where : scope.icb() == null ? within : where + ", " + within;
    }

    /** "a, b and c". */
    public static String list(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Lower-cases the first letter unless the first word is an acronym ("PIFU", "DNA"). */
    public static String lowerFirst(String text) {
        String first = text.split("\\s", 2)[0];
        return first.length() > 1 && first.equals(first.toUpperCase(Locale.UK)) ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
