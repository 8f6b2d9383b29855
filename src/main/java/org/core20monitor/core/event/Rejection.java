package org.core20monitor.core.event;

import java.io.Serializable;

/**
 * Why a record was not counted: the field at fault and the rule it broke, plus a readable message.
 * {@link #reason()} ("field:rule") is the stable code used for counting rejections.
 */
public record Rejection(String field, String rule, String message) implements Serializable {

    public String reason() {
        return field + ":" + rule;
    }
}
