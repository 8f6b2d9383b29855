package org.core20monitor.flink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scopes grouped for keying: the scopes of one ICB share a group, and so do the England-wide ones
 * (England, and each provider, specialty and clinical area nationally). An event or a pathway's wait
 * then travels as one record per group, about two, instead of one per scope, about eight, and each
 * aggregator looks up one key for all of them; the ICBs still spread the work over the subtasks.
 */
final class ScopeGroups {

    private ScopeGroups() {}

    /** The group of a scope id: its ICB part ({@code *} for the England-wide scopes). */
    static String of(String scopeId) {
        int dot = scopeId.indexOf('.');
        return dot < 0 ? scopeId : scopeId.substring(0, dot);
    }

    /** The scopes split by group, each group's scopes and the groups in the order they first appear. */
    static List<List<String>> split(List<String> scopeIds) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String scope : scopeIds) {
            groups.computeIfAbsent(of(scope), g -> new ArrayList<>(4)).add(scope);
        }
        return new ArrayList<>(groups.values());
    }
}
