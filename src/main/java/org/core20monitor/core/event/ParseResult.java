package org.core20monitor.core.event;

/** Either a valid event or the rejection that explains why the record is not one. */
public sealed interface ParseResult {

    record Valid(OutpatientEvent event) implements ParseResult {}

    record Invalid(Rejection rejection) implements ParseResult {}
}
