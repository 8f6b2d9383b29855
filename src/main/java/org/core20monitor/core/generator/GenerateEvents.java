package org.core20monitor.core.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.reference.ImdEdition;

/**
 * Writes a synthetic history as a JSON Lines file.
 *
 * <pre>
 * java -cp flink-jobs/target/core20-flink-jobs.jar org.core20monitor.core.generator.GenerateEvents \
 *     --out events.jsonl [--months 12] [--episodes 3000] [--icbs QWE,QOP,QHL] [--seed N]
 *     [--imd 2025|2019] [--bad-rate 0.001] [--duplicate-rate 0.005] [--end 2026-11-24T00:00:00Z]
 *     [--warm-up-months 12] [--baseline true] [--scenario standard|flat-core20-pifu]
 * </pre>
 */
public final class GenerateEvents {

    /** The ICBs generated when none are named. */
    public static final String DEFAULT_ICBS = "QWE,QOP,QHL";

    private GenerateEvents() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path out = Path.of(required(options, "out"));
        GeneratorConfig config = config(options);
        long lines = 0;
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (SyntheticEventGenerator.Line line; (line = generator.nextHistory()) != null; lines++) {
                writer.write(line.json());
                writer.newLine();
            }
        }
        System.out.printf("wrote %,d lines to %s%n", lines, out);
    }

    /** The generator settings from command-line options; shared by the file writer and the stream job. */
    public static GeneratorConfig config(Map<String, String> options) {
        long end = options.containsKey("end") ? Instant.parse(options.get("end")).toEpochMilli()
                : System.currentTimeMillis();
        int months = Integer.parseInt(options.getOrDefault("months", "12"));
        long start = ZonedDateTime.ofInstant(Instant.ofEpochMilli(end), Periods.LONDON).minusMonths(months)
                .toInstant().toEpochMilli();
        return new GeneratorConfig(
                Long.parseLong(options.getOrDefault("seed", String.valueOf(GeneratorConfig.DEFAULT_SEED))),
                List.of(options.getOrDefault("icbs", DEFAULT_ICBS).split(",")),
                ImdEdition.parse(options.getOrDefault("imd", "2025")),
                start, end,
                Integer.parseInt(options.getOrDefault("episodes", "3000")),
                Double.parseDouble(options.getOrDefault("bad-rate", "0")),
                Double.parseDouble(options.getOrDefault("duplicate-rate", "0")),
                Integer.parseInt(options.getOrDefault("warm-up-months", "0")),
                Boolean.parseBoolean(options.getOrDefault("baseline", "false")),
                GeneratorConfig.Scenario.parse(options.getOrDefault("scenario", "standard")));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
