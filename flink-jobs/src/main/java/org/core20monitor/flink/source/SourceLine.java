package org.core20monitor.flink.source;

/**
 * One raw input line and where it came from, so a rejected record can be traced to its file and
 * line (or to the generator's sequence number).
 */
public record SourceLine(String source, long position, String text) {}
