package org.core20monitor.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.PeerGroups;
import org.core20monitor.core.view.Benchmarks;
import org.core20monitor.core.view.Trajectories;
import org.core20monitor.core.ehia.Monitoring;
import org.core20monitor.core.ehia.ServiceChange;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.report.BoardPaper;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.Series;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/**
 * The server's one disclosure-control choke point (SPEC §7): every view, series and count that leaves
 * the server, in a response or a push, is produced here, from the unrounded figures in Redis.
 */
public final class PublicFigures {

    /**
     * Counters of accepted records: all of them, repeats, those missing what a breakdown needs, and
     * those that arrived after the event time had passed them.
     */
    private static final String[] QUALITY_COUNTERS = {"accepted", "duplicate", "imd_unknown", "lsoa_unmapped",
            "ethnicity_unknown", "late"};

    private PublicFigures() {}

    public static String view(View view) {
        return ViewJson.write(DisclosureControl.apply(view));
    }

    /** A monthly series; {@link Series#build} applies disclosure control before its SPC charts. */
    public static String series(Metric metric, Breakdown breakdown, Scope scope, List<String> periods,
                                ViewBuilder.Cells cells) {
        return json(Series.build(metric, breakdown, scope, periods, cells));
    }

    /** The overview of a scope and month; {@link Overview#build} reads only disclosure-controlled views. */
    public static String overview(Scope scope, String period, List<String> trend, ViewBuilder.Cells cells,
                                  Breakdowns breakdowns, ClinicalAreas areas, TargetDates targets) {
        return json(Overview.build(scope, period, trend, cells, breakdowns, areas, targets));
    }

    /** Trajectories; {@link Trajectories#build} reads only published monthly values. */
    public static String trajectories(Metric metric, Breakdown breakdown, Scope scope, String period,
                                      TargetDates targets, ViewBuilder.Cells cells) {
        return json(Trajectories.build(metric, breakdown, scope, period, targets.of(metric), cells));
    }

    /**
     * An ICB's benchmarks; {@link Benchmarks#build} publishes the areas' views through disclosure
     * control and rounds the differences it computes from them.
     */
    public static String benchmarks(Metric metric, Breakdown breakdown, String period, String icb, PeerGroups peers,
                                    ViewBuilder.Cells cells) {
        return json(Benchmarks.build(metric, breakdown, period, icb, peers, cells));
    }

    /** The data-quality counters, with counts rounded and small counts hidden like any other count. */
    public static String quality(Map<String, String> counters) {
        return json(qualityFigures(counters));
    }

    /**
     * A board paper's content for a scope and month; {@link BoardPaper#build} reads only
     * disclosure-controlled views, and the quality figures come from {@link #qualityFigures}.
     */
    public static BoardPaper boardPaper(Scope scope, String period, List<String> trend, ViewBuilder.Cells cells,
                                        Breakdowns breakdowns, ClinicalAreas areas, TargetDates targets,
                                        PeerGroups peers) {
        return BoardPaper.build(scope, period, trend, cells, breakdowns, areas, targets, peers);
    }

    /** EHIA monitoring of a service change; {@link Monitoring#build} publishes only disclosure-controlled figures. */
    public static Monitoring monitoring(ServiceChange change, List<String> periods, ViewBuilder.Cells cells,
                                        Breakdowns breakdowns) {
        return Monitoring.build(change, periods, cells, breakdowns);
    }

    /** The data-quality figures as published (see {@link #quality}). */
    public static Map<String, Object> qualityFigures(Map<String, String> counters) {
        Map<String, Object> out = new LinkedHashMap<>();
        long rejected = 0;
        Map<String, Long> byReason = new TreeMap<>();
        for (Map.Entry<String, String> e : counters.entrySet()) {
            if (e.getKey().startsWith("rejected:")) {
                long n = Long.parseLong(e.getValue());
                rejected += n;
                byReason.put(e.getKey().substring("rejected:".length()), n);
            }
        }
        long accepted = parse(counters.get("accepted"));
        for (String counter : QUALITY_COUNTERS) {
            long n = parse(counters.get(counter));
            out.put(counter, DisclosureControl.count(n));
            if (!counter.equals("accepted") && !counter.equals("duplicate")) {
                out.put(counter + "_pct", DisclosureControl.share(n, accepted));
            }
        }
        out.put("rejected", DisclosureControl.count(rejected));
        out.put("rejected_by_reason", DisclosureControl.breakdown(byReason));
        out.put("last_event_time", counters.get("last_event_time"));
        return out;
    }

    private static String json(Object value) {
        return ViewJson.write(value);
    }

    private static long parse(String count) {
        return count == null ? 0 : Long.parseLong(count);
    }
}
