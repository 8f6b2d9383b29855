package org.core20monitor.web.auth;

/** A signed-in person asking for something their grant does not cover: a 403 with this message. */
public final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
