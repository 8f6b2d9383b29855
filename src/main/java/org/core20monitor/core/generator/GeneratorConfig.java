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
 */
public record GeneratorConfig(
        long seed,
        List<String> icbs,
        ImdEdition edition,
        long historyStartMillis,
        long historyEndMillis,
        int episodesPerIcbMonth,
        double badRate,
        double duplicateRate) implements Serializable {

    public static final long DEFAULT_SEED = 20_261_124L;

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
