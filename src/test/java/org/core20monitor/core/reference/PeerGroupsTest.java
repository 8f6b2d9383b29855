package org.core20monitor.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peer selection against the IMD lookup: each ICB's Core20 share is worked out here a second way, by
 * reading the IoD2019 file and the ICB mapping line by line, and the default peers must be the
 * nearest ICBs by that share.
 */
class PeerGroupsTest {

    private static final ImdLookup IMD2019 = ImdLookup.load(ImdEdition.IMD2019);
    private static final Map<String, Double> SHARE = new TreeMap<>();
    private static long england;

    @BeforeAll
    static void workOutEachIcbsCore20ShareFromTheFiles() throws IOException {
        Map<String, String> icbOf = new HashMap<>();
        for (List<String> row : rows(PeerGroups.MAPPING)) {
            icbOf.put(row.get(3), row.get(0));
        }
        Map<String, long[]> counts = new TreeMap<>();
        for (List<String> row : rows("imd/imd2019_lsoa11.csv")) {
            // lsoa11_code, lsoa11_name, lad19_code, lad19_name, imd_rank, imd_decile, population_mid2015
            long people = Long.parseLong(row.get(6));
            long[] c = counts.computeIfAbsent(icbOf.get(row.get(3)), k -> new long[2]);
            c[0] += people;
            c[1] += Integer.parseInt(row.get(5)) <= 2 ? people : 0;
            england += people;
        }
        counts.forEach((icb, c) -> SHARE.put(icb, 100.0 * c[1] / c[0]));
    }

    /** A CSV's rows after the header, splitting on commas outside double quotes. */
    private static List<List<String>> rows(String resource) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PeerGroupsTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                for (char ch : line.toCharArray()) {
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == ',' && !quoted) {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else {
                        field.append(ch);
                    }
                }
                fields.add(field.toString());
                rows.add(fields);
            }
        }
        return rows;
    }

    private static List<String> nearest(String icb, int count, List<String> from) {
        return from.stream().filter(c -> !c.equals(icb))
                .sorted(Comparator.comparingDouble((String c) -> Math.abs(SHARE.get(c) - SHARE.get(icb)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count).toList();
    }

    @Test
    void everyLocalAuthorityIsInOneOfTheFortyTwoIcbsAndTheyCoverEngland() {
        assertThat(SHARE).hasSize(42).doesNotContainKey(null);
        PeerGroups peers = PeerGroups.load(IMD2019, 5, null, null);
        assertThat(peers.all()).hasSize(42);
        assertThat(peers.all().stream().mapToLong(PeerGroups.Icb::population).sum()).isEqualTo(england);
        assertThat(peers.icb("QWE").name()).isEqualTo("NHS South West London ICB");
    }

    @Test
    void core20SharesMatchTheSecondReadingAndWhatIsKnownOfTheAreas() {
        PeerGroups peers = PeerGroups.load(IMD2019, 5, null, null);
        for (PeerGroups.Icb icb : peers.all()) {
            assertThat(icb.core20Share()).as(icb.code()).isCloseTo(SHARE.get(icb.code()), within(1e-9));
        }
        // Birmingham and Solihull has England's highest share; Surrey Heartlands among the lowest.
        assertThat(peers.icb("QHL").core20Share()).isGreaterThan(50);
        assertThat(peers.icb("QXU").core20Share()).isLessThan(1);
        double mean = peers.all().stream().mapToDouble(i -> i.core20Population()).sum() / england;
        assertThat(100 * mean).as("a fifth of LSOAs, about a fifth of people").isBetween(18.0, 23.0);
    }

    @Test
    void defaultPeersAreTheNearestByCore20Share() {
        PeerGroups peers = PeerGroups.load(IMD2019, 5, null, null);
        List<String> all = List.copyOf(SHARE.keySet());
        for (String icb : all) {
            assertThat(peers.of(icb)).as(icb).isEqualTo(nearest(icb, 5, all));
        }
        assertThat(peers.of("QOP")).containsExactly("QF7", "QWO", "QYG", "QHM", "QUA");
    }

    @Test
    void candidatesNarrowTheChoiceAndNamedListsWin() {
        List<String> demo = List.of("QWE", "QKK", "QOP", "QHL", "QYG", "QT6");
        PeerGroups peers = PeerGroups.load(IMD2019, 3, demo, "QHL=QUA,QOP");
        assertThat(peers.of("QWE")).isEqualTo(nearest("QWE", 3, demo));
        assertThat(peers.of("QHL")).containsExactly("QUA", "QOP");
        assertThat(peers.of("QOP")).doesNotContain("QOP").hasSize(3);
    }

    @Test
    void badConfigurationIsRefusedWithItsReason() {
        assertThatThrownBy(() -> PeerGroups.load(IMD2019, 5, null, "QWE"))
                .hasMessageContaining("is not ICB=PEER,PEER");
        assertThatThrownBy(() -> PeerGroups.load(IMD2019, 5, null, "QWE=QZZ")).hasMessageContaining("unknown ICB 'QZZ'");
        assertThatThrownBy(() -> PeerGroups.load(IMD2019, 5, null, "QWE=QWE")).hasMessageContaining("its own peer");
        assertThatThrownBy(() -> PeerGroups.load(IMD2019, 0, null, null)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PeerGroups.load(ImdLookup.load(ImdEdition.IMD2025), 5, null, null))
                .hasMessageContaining("IoD2019");
    }
}
