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
 * @param scenario              how PIFU rolls out across groups
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
        boolean baseline,
        Scenario scenario) implements Serializable {

    public static final long DEFAULT_SEED = 20_261_124L;

    /** How PIFU rolls out over the history. */
    public enum Scenario {
        /** Every group's offer rate grows alike (their levels differ). */
        STANDARD("standard"),
        /** The most deprived quintile's offer rate grows a fifth as fast as the others'. */
        FLAT_CORE20_PIFU("flat-core20-pifu");

        public final String id;

        Scenario(String id) {
            this.id = id;
        }

        public static Scenario parse(String id) {
            for (Scenario s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + id + "'; known: standard, flat-core20-pifu");
        }
    }

    public GeneratorConfig(long seed, List<String> icbs, ImdEdition edition, long historyStartMillis,
                           long historyEndMillis, int episodesPerIcbMonth, double badRate, double duplicateRate,
                           int warmUpMonths, boolean baseline) {
        this(seed, icbs, edition, historyStartMillis, historyEndMillis, episodesPerIcbMonth, badRate, duplicateRate,
                warmUpMonths, baseline, Scenario.STANDARD);
    }

    public GeneratorConfig(long seed, List<String> icbs, ImdEdition edition, long historyStartMillis,
                           long historyEndMillis, int episodesPerIcbMonth, double badRate, double duplicateRate) {
        this(seed, icbs, edition, historyStartMillis, historyEndMillis, episodesPerIcbMonth, badRate, duplicateRate, 0,
                false, Scenario.STANDARD);
    }

    public GeneratorConfig {
        scenario = scenario == null ? Scenario.STANDARD : scenario;
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
