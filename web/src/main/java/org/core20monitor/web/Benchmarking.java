package org.core20monitor.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.reference.PeerGroups;

/**
 * What the benchmarks and trajectories are measured against: the national targets' dates
 * (TARGET_DATES, e.g. {@code pifu_rate=2027-03,over_52w=2026-03}), and each ICB's peers: by default
 * the PEER_COUNT (5) ICBs nearest in Core20 share, chosen from PEER_CANDIDATES (comma-separated ICB
 * codes; all 42 when unset), unless PEERS names them ({@code QWE=QKK,QRV;QOP=QHL}).
 */
public record Benchmarking(String targetDates, int peerCount, List<String> peerCandidates, String peers) {

    public static Benchmarking fromEnvironment(Map<String, String> env) {
        String candidates = env.getOrDefault("PEER_CANDIDATES", "");
        Benchmarking b = new Benchmarking(env.get("TARGET_DATES"),
                Integer.parseInt(env.getOrDefault("PEER_COUNT", String.valueOf(PeerGroups.DEFAULT_COUNT))),
                candidates.isBlank() ? List.of() : Arrays.stream(candidates.split(",")).map(String::trim).toList(),
                env.get("PEERS"));
        b.targets(); // refuse a bad setting at start-up, not on the first request
        return b;
    }

    public static Benchmarking defaults() {
        return new Benchmarking(null, PeerGroups.DEFAULT_COUNT, List.of(), null);
    }

    public TargetDates targets() {
        return TargetDates.parse(targetDates);
    }

    /** The peer groups, from the IoD2019 lookup in the core jar (a second or so to read). */
    public PeerGroups peerGroups() {
        return PeerGroups.load(ImdLookup.load(ImdEdition.IMD2019), peerCount, peerCandidates, peers);
    }
}
