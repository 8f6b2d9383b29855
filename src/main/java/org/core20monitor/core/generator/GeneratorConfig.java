package org.core20monitor.core.generator;

import java.io.Serializable;
import java.util.List;
import org.core20monitor.core.reference.ImdEdition;

/**
 * What to generate.
 *
 * @param historyStartMillis    first episode start of the replayed history
 * @param historyEndMillis      the "now" the history runs up to; later events wait for the live phase
 * @param episodesPerIcbMonth   referrals (episodes of care) per ICB per month
 * @param badRate               share of lines deliberately malformed, to exercise the dead-letter path
 * @param duplicateRate         share of lines sent twice, as feeds do
 * @param warmUpMonths          months simulated before the history starts but not written, so the history
 *                              opens with follow-ups already under way rather than from nothing (pathways
 *                              referred in the warm-up have no written referral, so the waits count only
 *                              pathways referred within the history)
 * @param baseline              also write the 2019/20 baseline year's follow-up attendances, about a third
 *                              more per working day than now, for the change in follow-ups
 */
public record GeneratorConfig(
        long seed,
        List<String> icbs,
        ImdEdition edition,
        long historyStartMillis,
        long historyEndMillis,
        int episodesPerIcbMonth,
        double badRate,
        double duplicateRate,
        int warmUpMonths,
        boolean baseline) implements Serializable {

    public static final long DEFAULT_SEED = 20_261_124L;

    public GeneratorConfig(long seed, List<String> icbs, ImdEdition edition, long historyStartMillis,
                           long historyEndMillis, int episodesPerIcbMonth, double badRate, double duplicateRate) {
        this(seed, icbs, edition, historyStartMillis, historyEndMillis, episodesPerIcbMonth, badRate, duplicateRate, 0,
                false);
    }

    public GeneratorConfig {
        if (icbs.isEmpty()) {
            throw new IllegalArgumentException("at least one ICB is needed");
        }
        for (String icb : icbs) {
            if (!IcbGeography.known().contains(icb)) {
                throw new IllegalArgumentException("no synthetic geography for ICB " + icb + "; known: "
                        + IcbGeography.known());
            }
        }
        if (historyEndMillis < historyStartMillis) {
            throw new IllegalArgumentException("history ends before it starts");
        }
    }
}
