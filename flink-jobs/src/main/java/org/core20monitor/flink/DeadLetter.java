package org.core20monitor.flink;

import java.util.regex.Pattern;

/** A rejected input line: where it was, why it was rejected, and the line itself (kept in the job's store only). */
public record DeadLetter(String source, long position, String reason, String message, String line) {

    /** A patient or pathway identifier's value, closed or cut off by a truncated line. */
    private static final Pattern IDENTIFIERS =
            Pattern.compile("(\"(?:patient_id|pathway_id)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)");

    /** The same, with patient and pathway identifiers blanked in the stored line: they never leave the job. */
    public DeadLetter withoutIdentifiers() {
        return new DeadLetter(source, position, reason, message,
                line == null ? null : IDENTIFIERS.matcher(line).replaceAll("$1\"(removed)\""));
    }

    public String id() {
        return source + "#" + position;
    }
}
