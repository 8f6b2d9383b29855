package org.core20monitor.core.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
        // A CSV reader, not a split on commas: some local authority names are quoted and contain commas.
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build().readerFor(Map.class).with(schema)
                .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String code = row.get(edition.codeColumn);
                String decile = row.get("imd_decile");
                if (code == null || decile == null) {
                    throw new IllegalStateException(name + " needs columns " + edition.codeColumn + " and imd_decile");
                }
                String population = row.get("population_mid2015");
                Area area = new Area(code, Integer.parseInt(decile), row.get("lad19_name"),
                        population == null ? 0 : Integer.parseInt(population));
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
