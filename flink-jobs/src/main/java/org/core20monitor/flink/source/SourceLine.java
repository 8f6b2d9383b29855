package org.core20monitor.flink.source;

import org.core20monitor.core.event.Rejection;

/**
 * One raw input line and where it came from, so a rejected record can be traced to its file and
 * line (or to the generator's sequence number). {@code problem} is set when the line could not even be
 * read as text (too long, not UTF-8); {@code text} is then only a preview of it.
 */
public record SourceLine(String source, long position, String text, Rejection problem) {

    public SourceLine(String source, long position, String text) {
        this(source, position, text, null);
    }
}
