package org.core20monitor.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.reference.ImdEdition;

/**
 * A generated history cut into batches that a test drops one at a time into a watched directory, as
 * a feed would deliver them, with what makes exactly-once hard mixed in:
 * <ul>
 *   <li>repeated event ids: copies of earlier lines, from earlier batches and the same batch;</li>
 *   <li>late events: lines taken out of the first two batches and delivered from the fifth batch
 *       on, weeks behind the event time reached by then, so the job counts them late and revises the
 *       months they belong to;</li>
 *   <li>malformed lines, which become dead letters.</li>
 * </ul>
 *
 * <p>Each batch is two files, read by the two source readers of a parallelism-2 job side by side: its
 * events (in event-time order but for the late ones and repeats of earlier ones), and its extras
 * (malformed lines and repeats of earlier batches), which cannot move the watermark. Whether an event
 * is behind the watermark (the {@code late} counter) is by nature a figure of processing order: two
 * readers going through the same weeks at different speeds, or a repeat read ahead of its original,
 * would push the watermark past events still to come. The input is laid out so that it depends on the
 * input alone, for any interleaving and whenever the watermark happens to be emitted: late events come
 * from batches at least three behind the one they arrive in, no line is ahead of the one after it
 * by more than the job's hour of allowed disorder except the late ones, and a late pathway event's
 * pathway is not closing while its batch is read.
 *
 * <p>What the job should have counted after each batch is worked out here with {@link EventParser}.
 */
final class BatchedInput {

    static final int FIRST_LATE_BATCH = 4;

    /** A batch: its two files' lines, in order. */
    record Batch(int number, List<String> events, List<String> extras) {}

    final List<Batch> batches = new ArrayList<>();
    /** Accepted, duplicate and rejected records after each batch, cumulatively. */
    final long[] acceptedAfter;
    final long[] duplicatesAfter;
    final long[] rejectedAfter;
    /** How many late (moved) events each batch carries. */
    final int[] lateIn;

    private BatchedInput(int count) {
        acceptedAfter = new long[count];
        duplicatesAfter = new long[count];
        rejectedAfter = new long[count];
        lateIn = new int[count];
    }

    static BatchedInput generate(int count, long seed) {
        if (count <= FIRST_LATE_BATCH) {
            throw new IllegalArgumentException("late events need more than " + FIRST_LATE_BATCH + " batches");
        }
        GeneratorConfig config = new GeneratorConfig(seed, List.of("QWE", "QHL"), ImdEdition.IMD2025,
                Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-05-01T00:00:00Z").toEpochMilli(),
                300, 0, 0);
        List<String> history = SyntheticEventGenerator.history(config);
        Random random = new Random(seed);

        List<List<String>> chunks = new ArrayList<>();
        int size = (history.size() + count - 1) / count;
        for (int i = 0; i < count; i++) {
            chunks.add(new ArrayList<>(history.subList(Math.min(history.size(), i * size),
                    Math.min(history.size(), (i + 1) * size))));
        }
        BatchedInput input = new BatchedInput(count);

        // Late: every 30th line of the first two batches arrives in one of the batches from the fifth on,
        // unless it is a pathway event whose pathway closes while that batch is read (see closeOf).
        Map<String, Long> closes = pathwayCloses(history);
        long[] lastTime = new long[count];
        for (int c = 0; c < count; c++) {
            lastTime[c] = timeOf(chunks.get(c).get(chunks.get(c).size() - 1));
        }
        int moved = 0;
        for (int c = 0; c < 2; c++) {
            List<String> chunk = chunks.get(c);
            for (int i = chunk.size() - 1; i >= 0; i -= 30) {
                int target = FIRST_LATE_BATCH + moved % (count - FIRST_LATE_BATCH);
                Long close = closes.get(pathwayOf(chunk.get(i)));
                boolean decided = close == null || close < lastTime[target - 2] - DAY || close > lastTime[target] + DAY;
                if (!decided) {
                    continue;
                }
                List<String> to = chunks.get(target);
                to.add(random.nextInt(to.size() + 1), chunk.remove(i));
                input.lateIn[target]++;
                moved++;
            }
        }

        // Repeats, 1% of each batch, so some arrive after a restart of what was counted before it: in the
        // events file, copies of lines from earlier batches or from earlier in the same one (never before
        // their original: a repeat from the future would move the watermark ahead); in the extras file,
        // which is read alongside, copies of earlier batches only.
        List<List<String>> extras = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<String> chunk = chunks.get(c);
            List<String> extra = new ArrayList<>();
            int repeats = c == 0 ? 0 : Math.max(2, chunk.size() / 200);
            for (int r = 0; r < repeats; r++) {
                int fromChunk = random.nextInt(c + 1);
                List<String> from = chunks.get(fromChunk);
                int index = random.nextInt(from.size());
                int earliest = fromChunk == c ? index + 1 : 0;
                chunk.add(earliest + random.nextInt(chunk.size() + 1 - earliest), from.get(index));
                List<String> older = chunks.get(random.nextInt(c));
                extra.add(older.get(random.nextInt(older.size())));
            }
            // Malformed lines (their event ids are new, so none is a repeat), in both files.
            String model = chunk.get(0);
            chunk.add(random.nextInt(chunk.size() + 1), "{\"event_id\":\"broken-" + c + "\",\"event_type\":");
            chunk.add(random.nextInt(chunk.size() + 1), model.replace("\"event_id\":\"", "\"event_id\":\"noicb-" + c + "-")
                    .replaceFirst("\"icb\":\"[A-Z0-9]+\",", ""));
            extra.add(random.nextInt(extra.size() + 1), model.replace("\"event_id\":\"", "\"event_id\":\"badspec-" + c + "-")
                    .replaceFirst("\"specialty\":\"[0-9]+\"", "\"specialty\":\"DERM\""));
            extra.add(random.nextInt(extra.size() + 1), "");
            extras.add(extra);
        }

        EventParser parser = new EventParser();
        Set<String> seen = new HashSet<>();
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        for (int c = 0; c < count; c++) {
            // Lines are counted in events-then-extras order; any other order counts the same, since a
            // repeat is the same line as its original.
            List<String> lines = new ArrayList<>(chunks.get(c));
            lines.addAll(extras.get(c));
            for (String line : lines) {
                if (parser.parse(line) instanceof ParseResult.Valid valid) {
                    if (seen.add(valid.event().eventId())) {
                        accepted++;
                    } else {
                        duplicates++;
                    }
                } else {
                    rejected++;
                }
            }
            input.batches.add(new Batch(c, chunks.get(c), extras.get(c)));
            input.acceptedAfter[c] = accepted;
            input.duplicatesAfter[c] = duplicates;
            input.rejectedAfter[c] = rejected;
        }
        return input;
    }

    private static final long DAY = 86_400_000L;
    private static final long ALLOWED_LATENESS = 7 * DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * When each pathway closes: the end of its earliest stop's month plus the job's allowed lateness.
     * After that the job ignores further events for the pathway, so a late pathway event gives the same
     * result in every run only if its pathway is certainly closed, or certainly still open, whenever in
     * its batch the watermark reaches it; the watermark inside a batch depends on timing.
     */
    private static Map<String, Long> pathwayCloses(List<String> history) {
        Map<String, Long> stops = new HashMap<>();
        for (String line : history) {
            JsonNode event = read(line);
            String type = event.path("event_type").asText();
            if (type.equals("CLOCK_STOP") || type.equals("WAITLIST_REMOVAL")) {
                stops.merge(event.path("pathway_id").asText(), timeOf(line), Math::min);
            }
        }
        Map<String, Long> closes = new HashMap<>();
        stops.forEach((pathway, stop) -> closes.put(pathway,
                Periods.endOfMonthMillis(Periods.monthOf(stop)) + ALLOWED_LATENESS));
        return closes;
    }

    private static String pathwayOf(String line) {
        JsonNode pathway = read(line).get("pathway_id");
        return pathway == null ? null : pathway.asText();
    }

    private static long timeOf(String line) {
        return Instant.parse(read(line).path("event_time").asText()).toEpochMilli();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("generated line is not JSON: " + line, e);
        }
    }

    int size() {
        return batches.size();
    }

    long lines() {
        return batches.stream().mapToLong(b -> b.events().size() + b.extras().size()).sum();
    }

    /**
     * Puts a batch's two files into {@code dir} whole: each is written under a hidden name, which
     * Flink's file source skips, then renamed, so the job never reads half a file.
     */
    /**
     * The uninterrupted run both fault tests compare with: every batch delivered in turn and counted,
     * then the settled content of Redis. The inbox is emptied afterwards so the interrupted run reads
     * the same files at the same paths (dead letters are keyed by path and line).
     */
    java.util.Map<String, Object> runUninterrupted(Path inbox, io.lettuce.core.api.sync.RedisCommands<String, String> redis,
                                                   java.time.Duration quiet, java.time.Duration wait, RunningJob job)
            throws IOException {
        for (int b = 0; b < size(); b++) {
            deliver(b, inbox);
            RedisContent.awaitCounted(redis, this, b, wait, job);
        }
        return RedisContent.awaitSettled(redis, this, quiet, wait, job);
    }

    static void empty(Path inbox) throws IOException {
        try (var files = Files.list(inbox)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    void deliver(int batch, Path dir) throws IOException {
        Batch b = batches.get(batch);
        write(dir, String.format("extras-%02d.jsonl", batch), b.extras());
        write(dir, String.format("events-%02d.jsonl", batch), b.events());
    }

    private static void write(Path dir, String name, List<String> lines) throws IOException {
        Path hidden = dir.resolve("." + name + ".part");
        Files.write(hidden, lines, StandardCharsets.UTF_8);
        Files.move(hidden, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
