package org.core20monitor.core.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * LSOA code to IMD decile, from the English Indices of Deprivation files shipped in the core jar
 * (the same files as in the shared reference data) or from a file given in configuration.
 * Decile 1 is the most deprived 10% of LSOAs in England.
 */
public final class ImdLookup implements Serializable {

    private final ImdEdition edition;
    private final Map<String, Area> areas;

    /** One LSOA: its decile and, where the file gives them, local authority and population. */
    public record Area(String lsoa, int decile, String localAuthority, int population) implements Serializable {}

    private ImdLookup(ImdEdition edition, Map<String, Area> areas) {
        this.edition = edition;
        this.areas = areas;
    }

    public static ImdLookup load(ImdEdition edition) {
        InputStream in = ImdLookup.class.getClassLoader().getResourceAsStream(edition.resource);
        if (in == null) {
            throw new IllegalStateException("IMD lookup " + edition.resource + " is not on the classpath");
        }
        return read(edition, in, edition.resource);
    }

    public static ImdLookup load(ImdEdition edition, Path file) {
        try {
            return read(edition, Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IMD lookup " + file, e);
        }
    }

    private static ImdLookup read(ImdEdition edition, InputStream in, String name) {
        Map<String, Area> areas = new HashMap<>(40_000);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            Map<String, Integer> header = csv.getHeaderMap();
            for (String required : List.of(edition.codeColumn, "imd_decile")) {
                if (!header.containsKey(required)) {
                    throw new IllegalStateException(name + " has no column " + required);
                }
            }
            boolean named = header.containsKey("lad19_name");
            boolean populated = header.containsKey("population_mid2015");
            for (CSVRecord row : csv) {
                Area area = new Area(row.get(edition.codeColumn), Integer.parseInt(row.get("imd_decile")),
                        named ? row.get("lad19_name") : null,
                        populated ? Integer.parseInt(row.get("population_mid2015")) : 0);
                areas.put(area.lsoa(), area);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IMD lookup " + name, e);
        }
        return new ImdLookup(edition, Collections.unmodifiableMap(areas));
    }

    public ImdEdition edition() {
        return edition;
    }

    /** The decile of an LSOA, or null when the code is not in this edition. */
    public Integer decile(String lsoa) {
        Area area = lsoa == null ? null : areas.get(lsoa);
        return area == null ? null : area.decile();
    }

    public Area area(String lsoa) {
        return areas.get(lsoa);
    }

    public int size() {
        return areas.size();
    }

    public List<Area> areas() {
        List<Area> list = new ArrayList<>(areas.values());
        list.sort((a, b) -> a.lsoa().compareTo(b.lsoa()));
        return list;
    }
}
