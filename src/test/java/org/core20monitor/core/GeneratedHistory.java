package org.core20monitor.core;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.reference.ImdLookup;

/**
 * A generated history read as the stream job reads it: each line parsed, repeated ids dropped, and
 * the event enriched with the lookup of the generator's IMD edition.
 */
public final class GeneratedHistory {

    /** One event: its line, the parsed event and its profile. */
    public record Event(String line, OutpatientEvent event, EventProfile profile) {}

    private GeneratedHistory() {}

    public static void forEach(GeneratorConfig config, Consumer<Event> action) {
        EventParser parser = new EventParser();
        Enrichment enrichment = new Enrichment(ImdLookup.load(config.edition()));
        Set<String> seen = new HashSet<>();
        for (String line : SyntheticEventGenerator.history(config)) {
            if (parser.parse(line) instanceof ParseResult.Valid valid && seen.add(valid.event().eventId())) {
                action.accept(new Event(line, valid.event(), enrichment.profile(valid.event())));
            }
        }
    }
}
