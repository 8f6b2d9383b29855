package org.core20monitor.flink;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.flink.source.SourceLine;

/**
 * Parses and validates each line; a rejected line (or one the reader could not read as text) goes to
 * the dead-letter output with its reason.
 */
public final class ParseEvents extends ProcessFunction<SourceLine, OutpatientEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final EventParser parser;

    public ParseEvents(EventParser parser) {
        this.parser = parser;
    }

    @Override
    public void processElement(SourceLine line, Context ctx, Collector<OutpatientEvent> out) {
        if (line.problem() != null) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(line, line.problem()));
            return;
        }
        ParseResult result = parser.parse(line.text());
        if (result instanceof ParseResult.Valid valid) {
            out.collect(valid.event());
        } else {
            ctx.output(DEAD_LETTERS, DeadLetter.of(line, ((ParseResult.Invalid) result).rejection()));
        }
    }
}
