package org.core20monitor.flink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.core20monitor.core.event.Rejection;
import org.core20monitor.core.text.Excerpt;
import org.core20monitor.flink.source.SourceLine;

/**
 * A rejected input line: where it was, why it was rejected, and the line itself (kept in the job's store
 * only). Made by {@link #of}, which blanks patient and pathway identifiers: they never leave the job.
 */
public record DeadLetter(String source, long position, String reason, String message, String line) {

    /** Where a patient or pathway identifier's string value starts (just past its opening quote). */
    private static final Pattern IDENTIFIER_START = Pattern.compile("\"(?:patient_id|pathway_id)\"\\s*:\\s*\"");

    /** How much of a rejected line is kept: enough to find and fix it, not a copy of a runaway line. */
    public static final int MAX_STORED_LINE = 2_000;

    /** A rejected line as stored: identifiers blanked, then cut to {@link #MAX_STORED_LINE} characters. */
    public static DeadLetter of(SourceLine line, Rejection rejection) {
        String text = blankIdentifiers(line.text());
        if (text != null && text.length() > MAX_STORED_LINE) {
            String kept = Excerpt.of(text, MAX_STORED_LINE);
            text = kept + "… (" + (text.length() - kept.length()) + " more characters)";
        }
        return new DeadLetter(line.source(), line.position(), rejection.reason(), rejection.message(), text);
    }

    /**
     * Replaces each identifier's value, up to its closing quote or (in a truncated line) the end, by
     * {@code "(removed)"}. A scan rather than a regular expression, which would recurse once per
     * character of a long value and overflow the stack.
     */
    static String blankIdentifiers(String line) {
        if (line == null) {
            return null;
        }
        Matcher m = IDENTIFIER_START.matcher(line);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < line.length() && m.find(from)) {
            int i = m.end();
            while (i < line.length() && line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            int end = Math.min(i + 1, line.length());
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, copied, m.end()).append("(removed)\"");
            copied = end;
            from = end;
        }
        return out == null ? line : out.append(line, copied, line.length()).toString();
    }

    public String id() {
        return source + "#" + position;
    }
}
