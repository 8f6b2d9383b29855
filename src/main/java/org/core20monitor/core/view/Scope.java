package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import org.core20monitor.core.event.EventParser;

/**
 * Which events a view covers: each field null when not restricted; England is all null (SPEC §8).
 * {@link #id()} is its compact form in Redis keys.
 */
public record Scope(String icb, String provider, String specialty, String area) implements Serializable {

    public static final Scope ENGLAND = new Scope(null, null, null, null);

    public static Scope icb(String icb) {
        if (icb == null || !EventParser.ICB.matcher(icb).matches()) {
            throw new IllegalArgumentException("icb must be a 3-character ODS code, was '" + icb + "'");
        }
        return new Scope(icb, null, null, null);
    }

    /** "QWE.*.*.*" for an ICB, "*.*.*.*" for England. */
    @JsonIgnore
    public String id() {
        return part(icb) + "." + part(provider) + "." + part(specialty) + "." + part(area);
    }

    public static Scope fromId(String id) {
        String[] p = id.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not a scope id: " + id);
        }
        return new Scope(unpart(p[0]), unpart(p[1]), unpart(p[2]), unpart(p[3]));
    }

    /** A whole ICB, not narrowed to a provider, specialty or area. */
    public boolean wholeIcb() {
        return icb != null && provider == null && specialty == null && area == null;
    }

    @JsonIgnore
    public boolean isEngland() {
        return icb == null && provider == null && specialty == null && area == null;
    }

    private static String part(String value) {
        return value == null ? "*" : value;
    }

    private static String unpart(String value) {
        return "*".equals(value) ? null : value;
    }
}
