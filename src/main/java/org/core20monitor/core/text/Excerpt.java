package org.core20monitor.core.text;

/**
 * The start of a text that may be too long to show or keep whole (a rejected line, a value quoted in a
 * message), cut so that no character is split: a cut never leaves half of a surrogate pair.
 */
public final class Excerpt {

    private Excerpt() {}

    /** At most {@code max} chars of {@code text}, one fewer where the cut would split a pair. */
    public static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** As quoted back to a person: whole, or cut to {@code max} chars and marked with an ellipsis. */
    public static String quoted(String text, int max) {
        return text == null || text.length() <= max ? text : of(text, max) + "…";
    }
}
