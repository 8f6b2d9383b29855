package org.core20monitor.flink;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.event.Rejection;
import org.core20monitor.flink.source.SourceLine;

/** Parses and validates each line; a rejected line goes to the dead-letter output with its reason. */
public final class ParseEvents extends ProcessFunction<SourceLine, OutpatientEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final EventParser parser;

    public ParseEvents(EventParser parser) {
        this.parser = parser;
    }

    @Override
    public void processElement(SourceLine line, Context ctx, Collector<OutpatientEvent> out) {
        ParseResult result = parser.parse(line.text());
        if (result instanceof ParseResult.Valid valid) {
            out.collect(valid.event());
        } else {
            Rejection r = ((ParseResult.Invalid) result).rejection();
            ctx.output(DEAD_LETTERS, new DeadLetter(line.source(), line.position(), r.reason(), r.message(), line.text()));
        }
    }
}
