package org.core20monitor.core.ehia;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.view.Scope;

/**
 * A service change registered for equality and health inequalities impact (EHIA) monitoring: what
 * changed, where, from when, which metrics and patient groups to watch, and the months before it
 * that serve as its baseline. Registered, edited and closed by a programme team.
 *
 * @param goLive        the first day of the new service (YYYY-MM-DD)
 * @param groups        breakdown ids to watch (imd_quintile, ethnicity_group, age_band, sex, core20,
 *                      plus:…)
 * @param baselineFrom  first month of the baseline window (YYYY-MM)
 * @param baselineTo    last month of the baseline window, before the go-live month
 * @param status        OPEN while monitored, CLOSED once the team closes it
 */
public record ServiceChange(String id, String name, Scope scope, String goLive, List<String> metrics,
                            List<String> groups, String baselineFrom, String baselineTo, String status,
                            String createdAt, String createdBy, String updatedAt, String closedAt) {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    /** The longest baseline window accepted, in months. */
    public static final int MAX_BASELINE_MONTHS = 24;

    private static final Pattern PROVIDER = Pattern.compile("[A-Z0-9]{3,5}");
    private static final Pattern SPECIALTY = Pattern.compile("[0-9]{3}");
    private static final Pattern ICB = Pattern.compile("[A-Z0-9]{3}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    /** Printable text: no control characters, no unpaired surrogates (they cannot go into a report). */
    private static final Pattern CLEAN_TEXT = Pattern.compile("[^\\p{Cc}\\p{Cs}]*");

    public ServiceChange {
        metrics = metrics == null ? null : List.copyOf(metrics);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** The groups a change may watch: deprivation, ethnicity, age, sex and the PLUS groups. */
    public static List<String> watchableGroups(Breakdowns breakdowns) {
        List<String> ids = new ArrayList<>(List.of("imd_quintile", "core20", "ethnicity_group", "age_band", "sex"));
        breakdowns.list().stream().filter(b -> b.isPlus()).forEach(b -> ids.add(b.id));
        return ids;
    }

    /**
     * What is wrong with the change as submitted (empty when nothing is), each as a sentence naming the
     * field, so a programme lead can correct the form. {@code today} bounds the go-live date.
     */
    public List<String> problems(Breakdowns breakdowns, ClinicalAreas areas, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() < 3 || name.length() > 120) {
            problems.add("name: give the change a name of 3 to 120 characters");
        } else if (!CLEAN_TEXT.matcher(name).matches()) {
            problems.add("name: use letters, digits, spaces and punctuation only (no control characters)");
        }
        scopeProblems(areas, problems);
        LocalDate live = null;
        if (goLive == null) {
            problems.add("go_live: the date the new service started is required (YYYY-MM-DD)");
        } else {
            try {
                live = LocalDate.parse(goLive);
                if (live.isBefore(LocalDate.of(2019, 4, 1)) || live.isAfter(today.plusYears(1))) {
                    problems.add("go_live: must be between 2019-04-01 and a year from today, was " + goLive);
                }
            } catch (DateTimeParseException e) {
                problems.add("go_live: must be a date YYYY-MM-DD, was '" + goLive + "'");
            }
        }
        if (metrics == null || metrics.isEmpty()) {
            problems.add("metrics: choose at least one metric to watch");
        } else {
            for (String m : metrics) {
                try {
                    Metric.byId(m);
                } catch (IllegalArgumentException e) {
                    problems.add("metrics: unknown metric '" + m + "'");
                }
            }
            repeated(metrics, "metrics", problems);
        }
        List<String> watchable = watchableGroups(breakdowns);
        if (groups == null || groups.isEmpty()) {
            problems.add("groups: choose at least one group to watch (" + String.join(", ", watchable) + ")");
        } else {
            groups.stream().filter(g -> !watchable.contains(g))
                    .forEach(g -> problems.add("groups: '" + g + "' is not one of " + String.join(", ", watchable)));
            repeated(groups, "groups", problems);
        }
        baselineProblems(live, problems);
        return problems;
    }

    private void scopeProblems(ClinicalAreas areas, List<String> problems) {
        if (scope == null || (scope.icb() == null && scope.provider() == null && scope.specialty() == null
                && scope.area() == null)) {
            problems.add("scope: say where the change applies (icb, and a provider, specialty or clinical area)");
            return;
        }
        check(scope.icb(), ICB, "scope.icb: must be a 3-character ODS code", problems);
        check(scope.provider(), PROVIDER, "scope.provider: must be an ODS code of 3 to 5 upper-case letters or digits",
                problems);
        check(scope.specialty(), SPECIALTY, "scope.specialty: must be a 3-digit treatment function code", problems);
        if (scope.area() != null && !areas.ids().contains(scope.area())) {
            problems.add("scope.area: unknown area '" + scope.area() + "' (one of " + areas.ids() + ")");
        }
        int within = (scope.provider() == null ? 0 : 1) + (scope.specialty() == null ? 0 : 1)
                + (scope.area() == null ? 0 : 1);
        if (within > 1) {
            problems.add("scope: choose at most one of provider, specialty and area");
        }
    }

    private void baselineProblems(LocalDate live, List<String> problems) {
        YearMonth from = month(baselineFrom, "baseline_from", problems);
        YearMonth to = month(baselineTo, "baseline_to", problems);
        if (from == null || to == null) {
            return;
        }
        if (from.isAfter(to)) {
            problems.add("baseline_from: must not be after baseline_to");
        } else if (from.plusMonths(MAX_BASELINE_MONTHS - 1).isBefore(to)) {
            problems.add("baseline: at most " + MAX_BASELINE_MONTHS + " months");
        }
        if (live != null && !to.isBefore(YearMonth.from(live))) {
            problems.add("baseline_to: the baseline must end before the go-live month (" + YearMonth.from(live) + ")");
        }
    }

    private static void repeated(List<String> values, String field, List<String> problems) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        values.stream().filter(v -> !seen.add(v)).distinct()
                .forEach(v -> problems.add(field + ": '" + v + "' is listed more than once"));
    }

    private static YearMonth month(String value, String field, List<String> problems) {
        if (value == null || !MONTH.matcher(value).matches()) {
            problems.add(field + ": a month YYYY-MM is required" + (value == null ? "" : ", was '" + value + "'"));
            return null;
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + ": not a month, was '" + value + "'");
            return null;
        }
    }

    private static void check(String value, Pattern pattern, String message, List<String> problems) {
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(message + ", was '" + value + "'");
        }
    }

    /** The same change with what the team may edit replaced; identity, creation and status kept. */
    public ServiceChange editedTo(ServiceChange edit, String now) {
        return new ServiceChange(id, edit.name, edit.scope, edit.goLive, edit.metrics, edit.groups, edit.baselineFrom,
                edit.baselineTo, status, createdAt, createdBy, now, closedAt);
    }

    public ServiceChange closed(String now) {
        return new ServiceChange(id, name, scope, goLive, metrics, groups, baselineFrom, baselineTo, CLOSED, createdAt,
                createdBy, now, now);
    }

    /** A newly registered change. */
    public ServiceChange registered(String newId, String now, String by) {
        return new ServiceChange(newId, name, scope, goLive, metrics, groups, baselineFrom, baselineTo, OPEN, now, by,
                now, null);
    }
}
