package org.core20monitor.core.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each ICB's peers, for benchmarking: by default the {@link #DEFAULT_COUNT} ICBs whose share of the
 * population living in Core20 areas (IMD deciles 1–2) is nearest its own; a deployment can name an
 * ICB's peers outright, or narrow the ICBs the default chooses from.
 *
 * <p>Shares come from the IoD2019 lookup, the one that gives each LSOA's local authority and
 * mid-2015 population: an ICB's share is the population of its local authorities' LSOAs in deciles
 * 1–2 over their whole population. ICBs are the 42 of July 2022, each made of whole 2019 local
 * authority districts ({@code reference/icb_local_authorities.csv}); the few districts that ICB
 * boundaries split (East Suffolk, Waverley) are placed wholly in the ICB holding most of them.
 */
public final class PeerGroups {

    public static final int DEFAULT_COUNT = 5;
    public static final String MAPPING = "reference/icb_local_authorities.csv";

    /** One ICB: its name and how many of its people live in Core20 areas. */
    public record Icb(String code, String name, long population, long core20Population) {
        /** The percentage of the population in IMD deciles 1–2. */
        public double core20Share() {
            return population == 0 ? 0 : 100.0 * core20Population / population;
        }
    }

    private final Map<String, Icb> icbs;
    private final Map<String, List<String>> peers;

    private PeerGroups(Map<String, Icb> icbs, Map<String, List<String>> peers) {
        this.icbs = icbs;
        this.peers = peers;
    }

    /**
     * The peers of every ICB in the mapping.
     *
     * @param imd2019    the IoD2019 lookup (with local authorities and populations)
     * @param count      how many peers the default chooses
     * @param candidates the ICBs the default chooses from; null or empty for all of them
     * @param named      ICBs whose peers are named outright: "QWE=QKK,QRV;QOP=QHL,QYG", or null
     * @throws IllegalArgumentException for a lookup without populations, an unknown ICB or a bad list
     */
    public static PeerGroups load(ImdLookup imd2019, int count, Collection<String> candidates, String named) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of peers must be at least 1, was " + count);
        }
        Map<String, Icb> icbs = profiles(imd2019);
        List<String> from = candidates == null || candidates.isEmpty() ? List.copyOf(icbs.keySet())
                : List.copyOf(candidates);
        for (String c : from) {
            known(icbs, c);
        }
        Map<String, List<String>> peers = new TreeMap<>();
        for (String icb : icbs.keySet()) {
            peers.put(icb, nearest(icbs, icb, count, from));
        }
        peers.putAll(parse(icbs, named));
        return new PeerGroups(icbs, peers);
    }

    /** The ICBs' Core20 shares from the IoD2019 lookup and the ICB mapping. */
    static Map<String, Icb> profiles(ImdLookup imd2019) {
        if (imd2019.edition() != ImdEdition.IMD2019) {
            throw new IllegalArgumentException("peer groups need the IoD2019 lookup, which has populations");
        }
        Map<String, String[]> icbOfAuthority = new HashMap<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (InputStream in = PeerGroups.class.getClassLoader().getResourceAsStream(MAPPING);
             MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class).with(schema)
                     .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                icbOfAuthority.put(row.get("lad19_name"), new String[] {row.get("icb_code"), row.get("icb_name")});
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + MAPPING, e);
        }
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (ImdLookup.Area area : imd2019.areas()) {
            String[] icb = icbOfAuthority.get(area.localAuthority());
            if (icb == null) {
                throw new IllegalStateException("local authority '" + area.localAuthority() + "' has no ICB in " + MAPPING);
            }
            if (area.population() <= 0) {
                throw new IllegalArgumentException("the IMD lookup has no population for " + area.lsoa());
            }
            long[] c = counts.computeIfAbsent(icb[0], k -> new long[2]);
            c[0] += area.population();
            if (Deprivation.isCore20(area.decile())) {
                c[1] += area.population();
            }
            names.put(icb[0], icb[1]);
        }
        Map<String, Icb> icbs = new TreeMap<>();
        counts.forEach((code, c) -> icbs.put(code, new Icb(code, names.get(code), c[0], c[1])));
        return icbs;
    }

    /** The {@code count} candidates nearest {@code icb} in Core20 share, nearest first (ties by code). */
    static List<String> nearest(Map<String, Icb> icbs, String icb, int count, List<String> candidates) {
        double share = icbs.get(icb).core20Share();
        return candidates.stream().filter(c -> !c.equals(icb))
                .sorted(Comparator.comparingDouble((String c) -> Math.abs(icbs.get(c).core20Share() - share))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count).toList();
    }

    private static Map<String, List<String>> parse(Map<String, Icb> icbs, String named) {
        Map<String, List<String>> out = new HashMap<>();
        if (named == null || named.isBlank()) {
            return out;
        }
        for (String entry : named.split(";")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException("peer list '" + entry.trim() + "' is not ICB=PEER,PEER");
            }
            String icb = known(icbs, parts[0].trim());
            List<String> list = new ArrayList<>();
            for (String p : parts[1].split(",")) {
                String peer = known(icbs, p.trim());
                if (peer.equals(icb)) {
                    throw new IllegalArgumentException("ICB " + icb + " cannot be its own peer");
                }
                list.add(peer);
            }
            out.put(icb, List.copyOf(list));
        }
        return out;
    }

    private static String known(Map<String, Icb> icbs, String code) {
        if (!icbs.containsKey(code)) {
            throw new IllegalArgumentException("unknown ICB '" + code + "'; known: " + icbs.keySet());
        }
        return code;
    }

    /** The peers of an ICB (empty for one not in the mapping). */
    public List<String> of(String icb) {
        return peers.getOrDefault(icb, List.of());
    }

    /** An ICB's name and Core20 share, or null for one not in the mapping. */
    public Icb icb(String code) {
        return icbs.get(code);
    }

    public Collection<Icb> all() {
        return icbs.values();
    }
}
