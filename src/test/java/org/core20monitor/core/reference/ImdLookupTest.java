package org.core20monitor.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The IMD lookups shipped in the jar, checked against the shared reference files (SPEC §4), which
 * this test reads on its own.
 */
class ImdLookupTest {

    private static ImdLookup imd2025;
    private static ImdLookup imd2019;
    private static Map<String, Integer> csv2025;
    private static Map<String, Integer> csv2019;
    private static Map<String, String> csv2019Authority;

    @BeforeAll
    static void load() throws IOException {
        imd2025 = ImdLookup.load(ImdEdition.IMD2025);
        imd2019 = ImdLookup.load(ImdEdition.IMD2019);
        csv2025 = new HashMap<>();
        readCsv(dataFile("imd2025_lsoa21.csv"), "lsoa21_code", "imd_decile", null, csv2025, null);
        csv2019 = new HashMap<>();
        csv2019Authority = new HashMap<>();
        readCsv(dataFile("imd2019_lsoa11.csv"), "lsoa11_code", "imd_decile", "lad19_name", csv2019,
                csv2019Authority);
    }

    // ---------------------------------------------------------------- independent CSV reading

    /** The shared data directory (../shared/data from the project root), or the module's own copy. */
    static Path dataFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Path own = Path.of("main", "resources", "imd", name);
        if (Files.isRegularFile(own)) {
            return own;
        }
        throw new IllegalStateException("cannot find " + name + " from " + Path.of("").toAbsolutePath());
    }

    /** Splits one CSV line on commas outside double quotes (RFC 4180 quoting, as in the 2019 file). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    static void readCsv(Path file, String codeColumn, String decileColumn, String nameColumn,
                        Map<String, Integer> deciles, Map<String, String> names) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = cells(lines.get(0));
        int code = header.indexOf(codeColumn);
        int decile = header.indexOf(decileColumn);
        int name = nameColumn == null ? -1 : header.indexOf(nameColumn);
        assertThat(code).as("column %s in %s", codeColumn, file).isNotNegative();
        assertThat(decile).as("column %s in %s", decileColumn, file).isNotNegative();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> c = cells(line);
            assertThat(c).as("cells of %s", line).hasSameSizeAs(header);
            deciles.put(c.get(code), Integer.parseInt(c.get(decile)));
            if (names != null && name >= 0) {
                names.put(c.get(code), c.get(name));
            }
        }
    }

    /** Every code of the file is in the lookup with the file's decile (mismatches listed briefly). */
    static void assertSameDeciles(ImdLookup lookup, Map<String, Integer> file) {
        assertThat(lookup.size()).isEqualTo(file.size());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Integer> e : file.entrySet()) {
            Integer loaded = lookup.decile(e.getKey());
            if (!e.getValue().equals(loaded)) {
                mismatches.add(e.getKey() + ": file " + e.getValue() + ", lookup " + loaded);
            }
        }
        mismatches.sort(null);
        assertThat(mismatches.size()).as("%s LSOAs whose decile differs from the file, e.g. %s", lookup.edition(),
                mismatches.subList(0, Math.min(5, mismatches.size()))).isZero();
    }

    // ---------------------------------------------------------------- sizes and editions

    @Test
    void sizesMatchTheIndicesOfDeprivation() {
        assertThat(imd2025.size()).isEqualTo(33_755);
        assertThat(imd2019.size()).isEqualTo(32_844);
        assertThat(csv2025).hasSize(33_755);
        assertThat(csv2019).hasSize(32_844);
        assertThat(imd2025.edition()).isEqualTo(ImdEdition.IMD2025);
        assertThat(imd2019.edition()).isEqualTo(ImdEdition.IMD2019);
        assertThat(imd2025.areas()).hasSize(33_755);
    }

    @ParameterizedTest
    @CsvSource({"2019, IMD2019", "2025, IMD2025", "imd2025, IMD2025", "IMD2019, IMD2019", "' Imd2019 ', IMD2019"})
    void editionsParseFromConfiguration(String text, ImdEdition expected) {
        assertThat(ImdEdition.parse(text)).isEqualTo(expected);
    }

    @Test
    void unknownEditionIsRejected() {
        assertThatThrownBy(() -> ImdEdition.parse("2015")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImdEdition.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- deciles against the files

    @Test
    void chosenLsoasHaveTheDecilesOfTheFile2025() {
        // first, last and a few in between, read from the shared file
        for (String code : List.of("E01000001", "E01000002", "E01012756", "E01033768", "E01035722")) {
            if (csv2025.containsKey(code)) {
                assertThat(imd2025.decile(code)).as(code).isEqualTo(csv2025.get(code));
            }
        }
        assertThat(imd2025.decile("E01000001")).isEqualTo(8);
        assertThat(imd2025.decile("E01000002")).isEqualTo(10);
        assertThat(imd2025.decile("E01012756")).isEqualTo(5);
    }

    @Test
    void everyLsoaHasTheDecileOfTheFile2025() {
        assertSameDeciles(imd2025, csv2025);
    }

    @Test
    void chosenLsoasHaveTheDecilesOfTheFile2019() {
        assertThat(imd2019.decile("E01000001")).isEqualTo(csv2019.get("E01000001")).isEqualTo(9);
        assertThat(imd2019.decile("E01000002")).isEqualTo(csv2019.get("E01000002")).isEqualTo(10);
        assertThat(imd2019.area("E01000001").localAuthority()).isEqualTo("City of London");
        assertThat(imd2019.area("E01000001").population()).isEqualTo(1296);
    }

    /**
     * 778 rows of the 2019 file have a quoted local-authority name containing a comma (for example
     * "Kingston upon Hull, City of"); their deciles must still be read from the decile column.
     */
    @Test
    void lsoasWithQuotedAuthorityNamesHaveTheDecilesOfTheFile2019() {
        // E01012756: Kingston upon Hull 025A, "Kingston upon Hull, City of", rank 11457, decile 4
        assertThat(csv2019.get("E01012756")).isEqualTo(4);
        assertThat(csv2019Authority.get("E01012756")).isEqualTo("Kingston upon Hull, City of");
        assertThat(imd2019.decile("E01012756")).isEqualTo(4);
        assertThat(imd2019.area("E01012756").localAuthority()).isEqualTo("Kingston upon Hull, City of");
        assertThat(imd2019.area("E01012756").population()).isEqualTo(1482);
    }

    @Test
    void everyLsoaHasTheDecileOfTheFile2019() {
        assertSameDeciles(imd2019, csv2019);
    }

    @Test
    void everyDecileIsBetween1And10() {
        for (ImdLookup lookup : List.of(imd2025, imd2019)) {
            List<ImdLookup.Area> bad = lookup.areas().stream().filter(a -> a.decile() < 1 || a.decile() > 10).toList();
            assertThat(bad.size()).as("%s areas with a decile outside 1-10, e.g. %s", lookup.edition(),
                    bad.stream().limit(3).toList()).isZero();
        }
    }

    @Test
    void unknownCodesHaveNoDecile() {
        assertThat(imd2025.decile("E01999999")).isNull();
        assertThat(imd2025.decile("W01000001")).isNull();
        assertThat(imd2025.decile(null)).isNull();
        assertThat(imd2025.area("E01999999")).isNull();
    }

    @Test
    void areasAreSortedByCode() {
        List<ImdLookup.Area> areas = imd2025.areas();
        for (int i = 1; i < areas.size(); i++) {
            assertThat(areas.get(i - 1).lsoa()).isLessThan(areas.get(i).lsoa());
        }
    }

    @Test
    void loadsFromAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, "lsoa21_code,imd_rank,imd_decile,imd_score\nE01000001,1,1,80.0\nE01000002,2,7,3.5\n\n");
        ImdLookup tiny = ImdLookup.load(ImdEdition.IMD2025, file);
        assertThat(tiny.size()).isEqualTo(2);
        assertThat(tiny.decile("E01000002")).isEqualTo(7);
    }

    // ---------------------------------------------------------------- Deprivation

    @Test
    void quintileIsCeilingOfHalfTheDecile() {
        for (int d = 1; d <= 10; d++) {
            int expected = (int) Math.ceil(d / 2.0);
            assertThat(Deprivation.quintile(d)).as("quintile of decile %d", d).isEqualTo(expected);
        }
    }

    @Test
    void quintileRejectsDecilesOutside1To10() {
        assertThatThrownBy(() -> Deprivation.quintile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deprivation.quintile(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deprivation.quintile(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void core20IsDeciles1And2Only() {
        for (int d = 1; d <= 10; d++) {
            assertThat(Deprivation.isCore20(d)).as("decile %d", d).isEqualTo(d <= 2);
        }
    }

    @Test
    void quintileLabelsNameTheEnds() {
        assertThat(Deprivation.quintileLabel(1)).isEqualTo("Most deprived 20%");
        assertThat(Deprivation.quintileLabel(5)).isEqualTo("Least deprived 20%");
        assertThatThrownBy(() -> Deprivation.quintileLabel(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolveDecilePrefersTheLsoaThenTheSuppliedDecileElseUnknown() {
        String known = "E01000002"; // decile 10 in the 2025 file
        assertThat(csv2025.get(known)).isEqualTo(10);
        assertThat(Deprivation.resolveDecile(imd2025, known, 3)).isEqualTo(10);
        assertThat(Deprivation.resolveDecile(imd2025, known, null)).isEqualTo(10);
        assertThat(Deprivation.resolveDecile(imd2025, "E01999999", 3)).isEqualTo(3);
        assertThat(Deprivation.resolveDecile(imd2025, null, 4)).isEqualTo(4);
        assertThat(Deprivation.resolveDecile(imd2025, "E01999999", null)).isNull();
        assertThat(Deprivation.resolveDecile(imd2025, null, null)).isNull();
    }

    @Test
    void resolveDecileUsesTheConfiguredEdition() {
        // E01000001 is decile 8 in IoD2025 and decile 9 in IoD2019
        assertThat(Deprivation.resolveDecile(imd2025, "E01000001", null)).isEqualTo(csv2025.get("E01000001"));
        assertThat(Deprivation.resolveDecile(imd2019, "E01000001", null)).isEqualTo(csv2019.get("E01000001"));
        assertThat(csv2025.get("E01000001")).isNotEqualTo(csv2019.get("E01000001"));
    }
}
