package org.core20monitor.bench;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.JsonLinesReader;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ScopeRouting;

/**
 * The practical limit on one core: the job's per-event work done by a plain single-threaded loop over
 * the same file, with the core's own reader, parser, enrichment and counts, into HashMaps. It reads
 * (strict UTF-8, bounded lines), parses and validates, drops repeated event ids, resolves IMD and
 * clinical areas, and adds each event's increments to every scope it counts in for its month, as the
 * job's cells do. It does not track RTT pathways, write anywhere, checkpoint or serve live views, so
 * it does less than the job: the ratio of the two is what the framework and the rest of the job cost.
 *
 * <p>Prints one line: {@code RESULT lines accepted duplicates rejected cells sum-of-counts attended millis}
 * ({@code attended}: accepted attended attendances, to set beside DuckDB's count).
 */
public final class PlainLoop {

    private PlainLoop() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long started = System.nanoTime();
        EventParser parser = new EventParser();
        Enrichment enrichment = new Enrichment(ImdLookup.load(ImdEdition.IMD2025));
        ScopeRouting routing = new ScopeRouting(ClinicalAreas.DEFAULT);
        Breakdowns breakdowns = Breakdowns.standard();
        int totalSlots = breakdowns.slots();
        Set<String> seen = new HashSet<>();
        Map<String, MetricCounts> cells = new HashMap<>();
        long lines = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long attended = 0;
        int[] numerators = new int[Metric.EVENT_METRICS.length];
        int[] denominators = new int[Metric.EVENT_METRICS.length];
        try (JsonLinesReader reader = new JsonLinesReader(new FileInputStream(file.toFile()))) {
            for (JsonLinesReader.Line line; (line = reader.next()) != null; ) {
                lines++;
                ParseResult result = line.problem() == null ? parser.parse(line.text()) : null;
                if (!(result instanceof ParseResult.Valid valid)) {
                    rejected++;
                    continue;
                }
                OutpatientEvent event = valid.event();
                if (!seen.add(event.eventId())) {
                    duplicates++;
                    continue;
                }
                accepted++;
                if (event.attended()) {
                    attended++;
                }
                java.util.Arrays.fill(numerators, 0);
                java.util.Arrays.fill(denominators, 0);
                if (!MetricCounts.increments(event, numerators, denominators)) {
                    continue;
                }
                int[] slots = breakdowns.slotsOf(enrichment.profile(event));
                String period = Periods.monthOf(event.eventTimeMillis());
                List<Scope> scopes = routing.scopes(event.icb(), event.provider(), event.specialty(), event.age());
                for (Scope scope : scopes) {
                    cells.computeIfAbsent(period + ":" + scope.id(), k -> new MetricCounts(totalSlots))
                            .add(numerators, denominators, slots, totalSlots);
                }
            }
        }
        long sum = 0;
        for (MetricCounts counts : cells.values()) {
            for (long c : counts.cells) {
                sum += c;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("RESULT " + lines + " " + accepted + " " + duplicates + " " + rejected + " " + cells.size()
                + " " + sum + " " + attended + " " + millis);
    }
}
