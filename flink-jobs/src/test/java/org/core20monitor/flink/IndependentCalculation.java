package org.core20monitor.flink;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;

/**
 * Every number {@code compute} should write, worked out a second way: plain loops and maps over the
 * events file, from SPEC §3–§8 and the product's documented choices. It shares nothing with the job
 * but {@link EventParser} (which decides whether a line is valid and reads its fields): IMD deciles
 * come straight from the reference CSV, and breakdowns, scopes, clinical areas, metrics, waits and
 * medians are all re-implemented here.
 */
final class IndependentCalculation {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static final List<String> PLUS_GROUPS =
            List.of("LEARNING_DISABILITY", "HOMELESS", "SMI", "CARER", "TRAVELLER", "REFUGEE");

    /** Every breakdown id and its group keys (SPEC §8), in SPEC order. */
    static final Map<String, List<String>> BREAKDOWNS = new LinkedHashMap<>();

    static {
        BREAKDOWNS.put("none", List.of());
        BREAKDOWNS.put("imd_quintile", List.of("1", "2", "3", "4", "5", "unknown"));
        BREAKDOWNS.put("imd_decile", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "unknown"));
        BREAKDOWNS.put("core20", List.of("core20", "rest", "unknown"));
        BREAKDOWNS.put("ethnicity_group", List.of("white", "mixed", "asian", "black", "other", "unknown"));
        BREAKDOWNS.put("ethnicity", List.of("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P",
                "R", "S", "Z", "99", "unknown"));
        BREAKDOWNS.put("age_band", List.of("0-17", "18-39", "40-64", "65-79", "80+", "unknown"));
        BREAKDOWNS.put("sex", List.of("male", "female", "other", "unknown"));
        for (String plus : PLUS_GROUPS) {
            BREAKDOWNS.put("plus:" + plus, List.of("yes", "no"));
        }
    }

    // Counter slots of the event metrics.
    static final int ATTENDED = 0;
    static final int ATT_PIFU = 1;
    static final int ATT_DISCHARGED = 2;
    static final int DNA = 3;
    static final int ATT_REMOTE = 4;
    static final int ATT_FOLLOW_UP = 5;
    static final int ATT_FIRST = 6;
    static final int ADVICE = 7;
    static final int PIFU_RETURN = 8;
    static final int SLOTS = 9;

    static final List<String> EVENT_METRICS = List.of("pifu_rate", "discharge_rate", "dna_rate", "remote_share",
            "fu_ratio", "advice_per_100_first", "pifu_return_rate", "opfu_change");
    static final List<String> SNAPSHOT_METRICS = List.of("waiting_list", "within_18w", "over_52w", "over_65w",
            "over_78w", "over_104w", "median_wait_weeks");
    static final String COMPLETED = "median_wait_completed";

    /** Expected numbers of one group (or the overall) of one view; null denominator/value where the view has none. */
    record Expected(long numerator, Long denominator, Double value, boolean median) {
        boolean nonZero() {
            return numerator != 0 || (denominator != null && denominator != 0);
        }

        @Override
        public String toString() {
            return "num=" + numerator + " den=" + denominator + " value=" + value;
        }
    }

    /** Counts of one period × scope cell, by dimension key ("" for the overall, else "breakdown=group"). */
    static final class Cell {
        final Map<String, long[]> events = new HashMap<>();
        final Map<String, IntList> open = new HashMap<>();
        final Map<String, IntList> completed = new HashMap<>();
    }

    /** A growable list of ints, sorted once when the counting is done. */
    static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void sort() {
            values = Arrays.copyOf(values, size);
            Arrays.sort(values);
        }
    }

    private final Map<String, Integer> imdDeciles;
    /** period → scope key → cell. */
    final Map<String, Map<String, Cell>> cells = new TreeMap<>();
    /** period → the date its wait snapshot is taken (last day of the month, or D for the live month). */
    final Map<String, LocalDate> snapshotDates = new TreeMap<>();

    long lines;
    long valid;
    long invalid;
    long duplicates;
    long pathways;
    long pathwaysWithoutStart;
    LocalDate lastDay;

    private IndependentCalculation(Map<String, Integer> imdDeciles) {
        this.imdDeciles = imdDeciles;
    }

    /** Reads the IMD 2025 lookup (lsoa21_code, imd_rank, imd_decile, imd_score) from the reference CSV. */
    static Map<String, Integer> readImd(Path csv) throws IOException {
        Map<String, Integer> deciles = new HashMap<>(50_000);
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String[] header = reader.readLine().split(",");
            int code = List.of(header).indexOf("lsoa21_code");
            int decile = List.of(header).indexOf("imd_decile");
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                deciles.put(f[code].trim(), Integer.parseInt(f[decile].trim()));
            }
        }
        return deciles;
    }

    static IndependentCalculation of(Path events, Map<String, Integer> imdDeciles) throws IOException {
        IndependentCalculation calc = new IndependentCalculation(imdDeciles);
        calc.read(events);
        return calc;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading and counting

    private static final class Pathway {
        OutpatientEvent referral;
        OutpatientEvent stop;
    }

    private void read(Path file) throws IOException {
        EventParser parser = new EventParser();
        Set<String> ids = new HashSet<>();
        Map<String, Pathway> byId = new LinkedHashMap<>();
        long latest = Long.MIN_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                if (!(parser.parse(line) instanceof ParseResult.Valid v)) {
                    invalid++;
                    continue;
                }
                valid++;
                OutpatientEvent e = v.event();
                if (!ids.add(e.eventId())) {
                    duplicates++;
                    continue;
                }
                latest = Math.max(latest, e.eventTimeMillis());
                countEvent(e);
                switch (e.type()) {
                    case REFERRAL -> {
                        Pathway p = byId.computeIfAbsent(e.pathwayId(), k -> new Pathway());
                        if (p.referral == null) {
                            p.referral = e;
                        }
                    }
                    case CLOCK_STOP, WAITLIST_REMOVAL -> {
                        // The earliest stop ends the pathway; on the same day a clock stop wins over a removal.
                        Pathway p = byId.computeIfAbsent(e.pathwayId(), k -> new Pathway());
                        long day = londonDate(e.eventTimeMillis()).toEpochDay();
                        long known = p.stop == null ? Long.MAX_VALUE : londonDate(p.stop.eventTimeMillis()).toEpochDay();
                        if (day < known || day == known && e.type() == EventType.CLOCK_STOP
                                && p.stop.type() != EventType.CLOCK_STOP) {
                            p.stop = e;
                        }
                    }
                    default -> { }
                }
            }
        }
        lastDay = londonDate(latest);
        pathways = byId.size();
        countWaits(byId.values());
        for (Map<String, Cell> scopes : cells.values()) {
            for (Cell cell : scopes.values()) {
                cell.open.values().forEach(IntList::sort);
                cell.completed.values().forEach(IntList::sort);
            }
        }
    }

    private void countEvent(OutpatientEvent e) {
        List<Integer> slots = new ArrayList<>(6);
        switch (e.type()) {
            case ATTENDANCE -> {
                switch (e.attendance()) {
                    case ATTENDED -> {
                        slots.add(ATTENDED);
                        switch (e.outcome()) {
                            case PIFU -> slots.add(ATT_PIFU);
                            case DISCHARGED -> slots.add(ATT_DISCHARGED);
                            default -> { }
                        }
                        switch (e.medium()) {
                            case TELEPHONE, VIDEO -> slots.add(ATT_REMOTE);
                            default -> { }
                        }
                        switch (e.appointment()) {
                            case FIRST -> slots.add(ATT_FIRST);
                            case FOLLOW_UP -> slots.add(ATT_FOLLOW_UP);
                        }
                    }
                    case DNA -> slots.add(DNA);
                    default -> { }
                }
            }
            case ADVICE_REQUEST -> slots.add(ADVICE);
            case PIFU_RETURN -> slots.add(PIFU_RETURN);
            default -> { }
        }
        if (slots.isEmpty()) {
            return;
        }
        String period = period(e.eventTimeMillis());
        List<String> dims = dimensions(e);
        for (String scope : scopes(e)) {
            Cell cell = cell(period, scope);
            for (String dim : dims) {
                long[] counts = cell.events.computeIfAbsent(dim, k -> new long[SLOTS]);
                for (int slot : slots) {
                    counts[slot]++;
                }
            }
        }
    }

    /** A pathway with a clock start: whose groups and scopes it counts in, its start and stop days. */
    private record Clocked(OutpatientEvent profile, int start, Integer stop) {}

    private void countWaits(Iterable<Pathway> all) {
        YearMonth liveMonth = YearMonth.from(lastDay);
        YearMonth first = null;
        List<Clocked> started = new ArrayList<>();
        for (Pathway p : all) {
            // SPEC §3: a stop's clock_start is the clock start; without one, the referral's day.
            Integer start = p.stop != null && p.stop.clockStartEpochDay() != null ? p.stop.clockStartEpochDay()
                    : p.referral != null ? Integer.valueOf((int) londonDate(p.referral.eventTimeMillis()).toEpochDay())
                    : null;
            if (start == null) {
                pathwaysWithoutStart++;
                continue;
            }
            Integer stop = p.stop == null ? null : (int) londonDate(p.stop.eventTimeMillis()).toEpochDay();
            // The patient's groups and scopes are the referral's, else the stop's.
            OutpatientEvent profile = p.referral != null ? p.referral : p.stop;
            started.add(new Clocked(profile, start, stop));
            YearMonth m = YearMonth.from(LocalDate.ofEpochDay(start));
            if (first == null || m.isBefore(first)) {
                first = m;
            }
            // Completed waits: a CLOCK_STOP (not a removal) in its London month, stop on or after start.
            if (stop != null && p.stop.type() == EventType.CLOCK_STOP && stop >= start) {
                String period = period(p.stop.eventTimeMillis());
                add(period, profile, stop - start, true);
            }
        }
        if (first == null) {
            return;
        }
        // Month-end snapshots for months whose last day is before D, then the live snapshot at D.
        for (YearMonth m = first; !m.isAfter(liveMonth); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth();
            // Every month before D's has ended before D; D's own month is snapshot live, at D.
            LocalDate at = end.isBefore(lastDay) ? end : lastDay;
            snapshotDates.put(m.toString(), at);
            int day = (int) at.toEpochDay();
            for (Clocked c : started) {
                if (c.start() <= day && (c.stop() == null || c.stop() > day)) {
                    add(m.toString(), c.profile(), day - c.start(), false);
                }
            }
        }
    }

    private void add(String period, OutpatientEvent profile, int days, boolean completed) {
        List<String> dims = dimensions(profile);
        for (String scope : scopes(profile)) {
            Cell cell = cell(period, scope);
            Map<String, IntList> lists = completed ? cell.completed : cell.open;
            for (String dim : dims) {
                lists.computeIfAbsent(dim, k -> new IntList()).add(days);
            }
        }
    }

    private Cell cell(String period, String scope) {
        return cells.computeIfAbsent(period, k -> new HashMap<>()).computeIfAbsent(scope, k -> new Cell());
    }

    static LocalDate londonDate(long millis) {
        return Instant.ofEpochMilli(millis).atZone(LONDON).toLocalDate();
    }

    static String period(long millis) {
        return YearMonth.from(Instant.ofEpochMilli(millis).atZone(LONDON)).toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Groups, scopes and clinical areas

    /** The overall ("") and the "breakdown=group" key of every breakdown, for this event's patient. */
    List<String> dimensions(OutpatientEvent e) {
        List<String> dims = new ArrayList<>(14);
        dims.add("");
        Integer decile = e.lsoa() != null && imdDeciles.containsKey(e.lsoa()) ? imdDeciles.get(e.lsoa()) : e.imdDecile();
        dims.add("imd_quintile=" + (decile == null ? "unknown" : String.valueOf((decile + 1) / 2)));
        dims.add("imd_decile=" + (decile == null ? "unknown" : String.valueOf(decile)));
        dims.add("core20=" + (decile == null ? "unknown" : decile <= 2 ? "core20" : "rest"));
        String code = e.ethnicity();
        String group;
        if (code == null) {
            group = "unknown";
        } else {
            group = switch (code) {
                case "A", "B", "C" -> "white";
                case "D", "E", "F", "G" -> "mixed";
                case "H", "J", "K", "L" -> "asian";
                case "M", "N", "P" -> "black";
                case "R", "S" -> "other";
                default -> "unknown";
            };
        }
        dims.add("ethnicity_group=" + group);
        dims.add("ethnicity=" + (code == null ? "unknown" : code));
        Integer age = e.age();
        String band = age == null ? "unknown" : age < 18 ? "0-17" : age < 40 ? "18-39" : age < 65 ? "40-64"
                : age < 80 ? "65-79" : "80+";
        dims.add("age_band=" + band);
        String sex = e.sex() == null ? "unknown" : switch (e.sex()) {
            case "1" -> "male";
            case "2" -> "female";
            case "9" -> "other";
            default -> "unknown";
        };
        dims.add("sex=" + sex);
        for (String plus : PLUS_GROUPS) {
            dims.add("plus:" + plus + "=" + (e.plusGroups() != null && e.plusGroups().contains(plus) ? "yes" : "no"));
        }
        return dims;
    }

    static String scopeKey(String icb, String provider, String specialty, String area) {
        return (icb == null ? "-" : icb) + "/" + (provider == null ? "-" : provider) + "/"
                + (specialty == null ? "-" : specialty) + "/" + (area == null ? "-" : area);
    }

    static List<String> scopes(OutpatientEvent e) {
        String icb = e.icb();
        String provider = e.provider();
        String specialty = e.specialty();
        List<String> scopes = new ArrayList<>(List.of(
                scopeKey(null, null, null, null),
                scopeKey(icb, null, null, null),
                scopeKey(null, provider, null, null),
                scopeKey(null, null, specialty, null),
                scopeKey(icb, provider, null, null),
                scopeKey(icb, null, specialty, null)));
        for (String area : areas(specialty, e.age())) {
            scopes.add(scopeKey(null, null, null, area));
            scopes.add(scopeKey(icb, null, null, area));
        }
        return scopes;
    }

    /** The default Core20PLUS5 clinical-area table (SPEC §4). */
    static List<String> areas(String specialty, Integer age) {
        List<String> areas = new ArrayList<>(2);
        int code = Integer.parseInt(specialty);
        boolean adult = age == null || age >= 18;
        boolean child = age != null && age < 18;
        if (code == 501 || code == 560) {
            areas.add("maternity");
        }
        if (adult) {
            if (code >= 710 && code <= 715) {
                areas.add("smi");
            }
            if (code == 340 || code == 341) {
                areas.add("respiratory");
            }
            if (code == 370 || code == 800 || code == 503) {
                areas.add("cancer");
            }
            if (code == 320) {
                areas.add("hypertension");
            }
        }
        if (child) {
            if (code == 258) {
                areas.add("cyp_asthma");
            }
            if (code == 263) {
                areas.add("cyp_diabetes");
            }
            if (code == 421) {
                areas.add("cyp_epilepsy");
            }
            if (code == 140 || code == 141 || code == 143) {
                areas.add("cyp_oral_health");
            }
            if (code == 711) {
                areas.add("cyp_mental_health");
            }
        }
        return areas;
    }

    // ---------------------------------------------------------------------------------------------
    // Expected numbers of a view

    static List<String> allMetrics() {
        List<String> all = new ArrayList<>(EVENT_METRICS);
        all.addAll(SNAPSHOT_METRICS);
        all.add(COMPLETED);
        return all;
    }

    Cell cellOrNull(String period, String scope) {
        Map<String, Cell> scopes = cells.get(period);
        return scopes == null ? null : scopes.get(scope);
    }

    /** The expected numbers for one metric, in one cell, for one dimension ("" = overall). */
    static Expected expected(String metric, Cell cell, String dim) {
        if (EVENT_METRICS.contains(metric)) {
            long[] c = cell == null ? null : cell.events.get(dim);
            if (c == null) {
                c = new long[SLOTS];
            }
            return switch (metric) {
                case "pifu_rate" -> percent(c[ATT_PIFU], c[ATTENDED]);
                case "discharge_rate" -> percent(c[ATT_DISCHARGED], c[ATTENDED]);
                case "dna_rate" -> percent(c[DNA], c[ATTENDED] + c[DNA]);
                case "remote_share" -> percent(c[ATT_REMOTE], c[ATTENDED]);
                case "fu_ratio" -> new Expected(c[ATT_FOLLOW_UP], c[ATT_FIRST],
                        c[ATT_FIRST] == 0 ? null : (double) c[ATT_FOLLOW_UP] / c[ATT_FIRST], false);
                case "advice_per_100_first" -> percent(c[ADVICE], c[ATT_FIRST]);
                case "pifu_return_rate" -> percent(c[PIFU_RETURN], c[ATT_PIFU]);
                // No 2019/20 attendances in the file: the baseline is 0 and the change undefined.
                case "opfu_change" -> new Expected(c[ATT_FOLLOW_UP], 0L, null, false);
                default -> throw new IllegalArgumentException(metric);
            };
        }
        if (metric.equals(COMPLETED)) {
            IntList waits = cell == null ? null : cell.completed.get(dim);
            return median(waits);
        }
        IntList waits = cell == null ? null : cell.open.get(dim);
        int n = waits == null ? 0 : waits.size;
        return switch (metric) {
            case "waiting_list" -> new Expected(n, null, (double) n, false);
            case "within_18w" -> percent(count(waits, w -> w <= 126), n);
            case "over_52w" -> percent(count(waits, w -> w > 7 * 52), n);
            case "over_65w" -> percent(count(waits, w -> w > 7 * 65), n);
            case "over_78w" -> percent(count(waits, w -> w > 7 * 78), n);
            case "over_104w" -> percent(count(waits, w -> w > 7 * 104), n);
            case "median_wait_weeks" -> median(waits);
            default -> throw new IllegalArgumentException(metric);
        };
    }

    private static Expected percent(long numerator, long denominator) {
        return new Expected(numerator, denominator, denominator == 0 ? null : 100.0 * numerator / denominator, false);
    }

    private static long count(IntList waits, java.util.function.IntPredicate test) {
        if (waits == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < waits.size; i++) {
            if (test.test(waits.values[i])) {
                n++;
            }
        }
        return n;
    }

    /** Median of sorted waits in days, in weeks; the mean of the two middle values for an even count. */
    private static Expected median(IntList waits) {
        int n = waits == null ? 0 : waits.size;
        if (n == 0) {
            return new Expected(0, null, null, true);
        }
        int[] v = waits.values;
        double days = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        return new Expected(n, null, days / 7.0, true);
    }
}
