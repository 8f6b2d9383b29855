package org.core20monitor.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewJson;

/**
 * The server's one disclosure-control choke point (SPEC §7): every view and every count that leaves
 * the server, in a response or a push, is produced here, from the unrounded figures in Redis.
 */
public final class PublicFigures {

    /** Counters of accepted records: all of them, repeats, and those missing what a breakdown needs. */
    private static final String[] QUALITY_COUNTERS = {"accepted", "duplicate", "imd_unknown", "lsoa_unmapped",
            "ethnicity_unknown"};

    private PublicFigures() {}

    public static String view(String storedJson) {
        return ViewJson.write(DisclosureControl.apply(ViewJson.read(storedJson)));
    }

    /** The data-quality counters, with counts rounded and small counts hidden like any other count. */
    public static String quality(Map<String, String> counters) {
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
        for (String counter : QUALITY_COUNTERS) {
            out.put(counter, DisclosureControl.count(parse(counters.get(counter))));
        }
        out.put("rejected", DisclosureControl.count(rejected));
        out.put("rejected_by_reason", DisclosureControl.breakdown(byReason));
        out.put("last_event_time", counters.get("last_event_time"));
        try {
            return ViewJson.mapper().writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parse(String count) {
        return count == null ? 0 : Long.parseLong(count);
    }
}
