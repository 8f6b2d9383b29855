package org.core20monitor.core.view;

import java.util.List;

/**
 * One metric × period × scope × breakdown (SPEC §8): the same object is stored in Redis, served by
 * the API, pushed to browsers and exported.
 */
public record View(
        String metric,
        String period,
        boolean provisional,
        Scope scope,
        String breakdown,
        String updatedAt,
        GroupValue overall,
        List<GroupValue> groups,
        Inequality inequality) {

    public View withFigures(GroupValue overall, List<GroupValue> groups, Inequality inequality) {
        return new View(metric, period, provisional, scope, breakdown, updatedAt, overall, groups, inequality);
    }
}
