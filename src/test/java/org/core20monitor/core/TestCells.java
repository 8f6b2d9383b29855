package org.core20monitor.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.WaitStats;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewBuilder;

/**
 * {@link ViewBuilder.Cells} over a map, and {@link Cell}, which builds a {@link CellSnapshot} from
 * hand-made events and waits the way the stream job does (one slot per breakdown, from
 * {@link Breakdowns#slotsOf}), with the default PLUS list.
 */
public final class TestCells implements ViewBuilder.Cells {

    public static final String UPDATED_AT = "2026-11-24T05:00:00Z";
    public static final Breakdowns LAYOUT = Breakdowns.standard();

    private final Map<String, CellSnapshot> cells = new HashMap<>();
    private final Map<Scope, CellSnapshot> live = new HashMap<>();
    private final Map<String, MetricCounts> counted = new HashMap<>();

    public static TestCells of(CellSnapshot... snapshots) {
        TestCells c = new TestCells();
        for (CellSnapshot s : snapshots) {
            c.put(s);
        }
        return c;
    }

    public TestCells put(CellSnapshot snapshot) {
        cells.put(key(snapshot.period(), snapshot.scope()), snapshot);
        return this;
    }

    /** The scope's live waiting-list snapshot (what {@link #liveWaits} returns). */
    public TestCells putLive(CellSnapshot snapshot) {
        live.put(snapshot.scope(), snapshot);
        return this;
    }

    /** Counts an event into the cell of a period and scope, under its profile, as the stream job does. */
    public TestCells count(String period, Scope scope, OutpatientEvent e, EventProfile profile) {
        counted.computeIfAbsent(key(period, scope), k -> new MetricCounts(LAYOUT.slots()))
                .add(e, LAYOUT.slotsOf(profile), LAYOUT.slots());
        return this;
    }

    @Override
    public CellSnapshot cell(String period, Scope scope) {
        CellSnapshot cell = cells.get(key(period, scope));
        MetricCounts c = cell == null ? counted.get(key(period, scope)) : null;
        return c == null ? cell : new CellSnapshot(period, scope, false, UPDATED_AT, LAYOUT.plusGroups(), c.cells, null,
                null, null);
    }

    @Override
    public CellSnapshot liveWaits(Scope scope) {
        return live.get(scope);
    }

    private static String key(String period, Scope scope) {
        return period + "|" + scope.id();
    }

    public static Cell cell() {
        return new Cell();
    }

    /** One period × scope under construction. */
    public static final class Cell {
        private final Breakdowns layout = LAYOUT;
        private final MetricCounts counts = new MetricCounts(layout.slots());
        private boolean events = true;
        private List<NavigableMap<Long, Long>> waits;
        private List<NavigableMap<Long, Long>> completed;
        private String waitsAsOf;
        private boolean provisional;
        private String updatedAt = UPDATED_AT;

        /** Counts the event under its own profile. */
        public Cell add(OutpatientEvent e) {
            return add(e, TestEvents.profile(e), 1);
        }

        /** Counts the event under {@code profile} (as after enrichment). */
        public Cell add(OutpatientEvent e, EventProfile profile) {
            return add(e, profile, 1);
        }

        /**
         * Counts {@code times} copies of the event under {@code profile}: one add into fresh counts,
         * multiplied, which is what adding the event {@code times} times gives as counting is linear.
         */
        public Cell add(OutpatientEvent e, EventProfile profile, long times) {
            if (times == 0) {
                return this;
            }
            if (times < 0) {
                throw new IllegalArgumentException("times " + times);
            }
            MetricCounts one = new MetricCounts(layout.slots());
            one.add(e, layout.slotsOf(profile), layout.slots());
            for (int i = 0; i < one.cells.length; i++) {
                counts.cells[i] += times * one.cells[i];
            }
            return this;
        }

        /** The cell stores no event counts (as a live waits snapshot). */
        public Cell withoutEvents() {
            events = false;
            return this;
        }

        /** Waiting-list data (possibly empty), as at {@code asOf}. */
        public Cell waitsAsOf(String asOf) {
            waitsAsOf = asOf;
            if (waits == null) {
                waits = histograms();
            }
            return this;
        }

        /** {@code count} open pathways of the profile waiting {@code days} days. */
        public Cell waiting(EventProfile profile, long days, long count) {
            if (waits == null) {
                waitsAsOf("2026-10-31");
            }
            addTo(waits, profile, days, count);
            return this;
        }

        /** Completed-pathway data, possibly empty. */
        public Cell completedData() {
            if (completed == null) {
                completed = histograms();
            }
            return this;
        }

        /** {@code count} pathways of the profile stopped in the period after {@code days} days. */
        public Cell completed(EventProfile profile, long days, long count) {
            completedData();
            addTo(completed, profile, days, count);
            return this;
        }

        public Cell provisional(boolean value) {
            provisional = value;
            return this;
        }

        public Cell updatedAt(String value) {
            updatedAt = value;
            return this;
        }

        public MetricCounts counts() {
            return counts;
        }

        private List<NavigableMap<Long, Long>> histograms() {
            List<NavigableMap<Long, Long>> list = new ArrayList<>(layout.slots());
            for (int i = 0; i < layout.slots(); i++) {
                list.add(new TreeMap<>());
            }
            return list;
        }

        private void addTo(List<NavigableMap<Long, Long>> histograms, EventProfile profile, long days, long count) {
            if (count == 0) {
                return;
            }
            for (int slot : layout.slotsOf(profile)) {
                histograms.get(slot).merge(days, count, Long::sum);
            }
        }

        private static List<WaitStats> stats(List<NavigableMap<Long, Long>> histograms) {
            return histograms == null ? null : histograms.stream().map(WaitStats::of).toList();
        }

        public CellSnapshot snapshot(String period, Scope scope) {
            return new CellSnapshot(period, scope, provisional, updatedAt, EventParser.DEFAULT_PLUS_GROUPS,
                    events ? counts.cells.clone() : null, waits == null ? null : waitsAsOf, stats(waits),
                    stats(completed));
        }
    }
}
