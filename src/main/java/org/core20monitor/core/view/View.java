package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One metric × period × scope × breakdown (SPEC §8): the same object is served by the API, pushed
 * to browsers, exported and written by the {@code compute} command.
 *
 * @param asOf  for the waiting-list metrics, the date of the snapshot (month end, or the day the
 *              event time has reached for the current month)
 * @param notes caveats a reader needs, e.g. why a statistic could not be computed
 * @param unknownShare the percentage of the overall's records (its denominator, or for a count or
 *              median its pathways) in the breakdown's "not known" group, so a reader can judge
 *              whether a gap may be an artefact of recording; null for breakdowns without one
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
        Inequality inequality,
        @JsonInclude(JsonInclude.Include.NON_NULL) String asOf,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double unknownShare) {

    public View {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public View withFigures(GroupValue overall, List<GroupValue> groups, Inequality inequality, List<String> notes,
                            Double unknownShare) {
        return new View(metric, period, provisional, scope, breakdown, updatedAt, overall, groups, inequality, asOf,
                notes, unknownShare);
    }
}
