package org.core20monitor.core.metric;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.event.EventParser;

/**
 * The breakdowns a deployment computes (the standard ones and one per configured PLUS group), and
 * where each one's groups sit in a flat array of counts.
 */
public final class Breakdowns implements Serializable {

    private final List<String> plusGroups;
    private final List<Breakdown> list;
    private final Map<String, Integer> offsets = new HashMap<>();
    private final int slots;

    public Breakdowns(List<String> plusGroups) {
        this.plusGroups = List.copyOf(plusGroups);
        this.list = Breakdown.all(plusGroups);
        int at = 0;
        for (Breakdown b : list) {
            offsets.put(b.id, at);
            at += b.slots();
        }
        this.slots = at;
    }

    /** The breakdowns for the default PLUS list of the input contract. */
    public static Breakdowns standard() {
        return new Breakdowns(EventParser.DEFAULT_PLUS_GROUPS);
    }

    public List<String> plusGroups() {
        return plusGroups;
    }

    public List<Breakdown> list() {
        return list;
    }

    /** Total group slots across all breakdowns. */
    public int slots() {
        return slots;
    }

    /** Where the breakdown's first group sits among all slots. */
    public int offset(Breakdown b) {
        Integer at = offsets.get(b.id);
        if (at == null) {
            throw new IllegalArgumentException("breakdown " + b.id + " is not configured");
        }
        return at;
    }

    public Breakdown byId(String id) {
        for (Breakdown b : list) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown breakdown '" + id + "'");
    }

    /** For each breakdown in order, the absolute slot the profile falls in. */
    public int[] slotsOf(EventProfile profile) {
        int[] at = new int[list.size()];
        for (int i = 0; i < at.length; i++) {
            Breakdown b = list.get(i);
            at[i] = offsets.get(b.id) + b.slot(profile);
        }
        return at;
    }
}
