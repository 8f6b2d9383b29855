package org.core20monitor.flink;

/** A rejected input line: where it was, why it was rejected, and the line itself (kept in the job's store only). */
public record DeadLetter(String source, long position, String reason, String message, String line) {

    public String id() {
        return source + "#" + position;
    }
}
