package org.core20monitor.core.event;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.core20monitor.core.text.Excerpt;

/**
 * Splits a JSON Lines byte stream into lines, holding no more than {@link EventParser#MAX_LINE_LENGTH}
 * bytes of any one line, and decodes each as strict UTF-8. A line that is too long or not UTF-8 comes
 * back with its {@link Rejection} and a short preview, so it goes to the dead letters like any other bad
 * record while the lines around it are read as usual: one runaway line (a file with no newlines, a
 * binary file dropped into the inbox) can neither exhaust memory nor be half-counted.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped, and so is a byte-order mark at the very
 * start. An empty line is returned as an empty text (the parser rejects it), so line numbers always match
 * the file's.
 */
public final class JsonLinesReader implements Closeable {

    /** How much of an unreadable line is kept to show where it went wrong. */
    public static final int PREVIEW_LENGTH = 200;

    /** One line: its text, or (when it cannot be read) a preview and why. */
    public record Line(String text, Rejection problem) {
        public static Line of(String text) {
            return new Line(text, null);
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxLineBytes;
    private static final int READ_SIZE = 64 * 1024;

    /** Room for one read and a put-back partial byte-order mark. */
    private final byte[] buffer = new byte[READ_SIZE + BOM.length];
    private int position;
    private int limit;
    private boolean atStart = true;
    private byte[] line = new byte[1024];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public JsonLinesReader(InputStream in) {
        this(in, EventParser.MAX_LINE_LENGTH);
    }

    public JsonLinesReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        int length = 0; // bytes held in line: at most maxLineBytes + 1, enough to know it is too long
        long bytes = 0; // bytes in the line, newline excluded
        boolean sawAny = false;
        byte last = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            if (atStart) {
                atStart = false;
                skipByteOrderMark();
                continue;
            }
            sawAny = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int n = end - position;
            int keep = (int) Math.min(n, (long) maxLineBytes + 1 - length);
            if (keep > 0) {
                ensureCapacity(length + keep);
                System.arraycopy(buffer, position, line, length, keep);
                length += keep;
            }
            bytes += n;
            if (n > 0) {
                last = buffer[end - 1];
            }
            position = end;
            if (end < limit) {
                position++; // past the newline
                break;
            }
        }
        if (bytes > 0 && last == '\r') {
            if (length == bytes) {
                length--;
            }
            bytes--;
        }
        return decode(line, length, bytes, maxLineBytes, decoder);
    }

    /**
     * One whole record that arrived on its own (a message rather than a line of a file), read as a line
     * is: strict UTF-8, at most {@code maxBytes} bytes, a short preview and why when it cannot be read.
     * A null record (a message with no value) reads as empty text, which the parser rejects.
     */
    public static Line decode(byte[] record, int maxBytes) {
        if (record == null) {
            return Line.of("");
        }
        int length = (int) Math.min(record.length, (long) maxBytes + 1);
        return decode(record, length, record.length, maxBytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The first {@code length} of {@code bytes} bytes of a record, as text or as a problem with a preview. */
    private static Line decode(byte[] line, int length, long bytes, int maxLineBytes, CharsetDecoder decoder) {
        if (bytes > maxLineBytes) {
            return new Line(preview(line, length), new Rejection("record", "too_long",
                    "the line is " + bytes + " bytes long; at most " + maxLineBytes + " are read"));
        }
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return Line.of(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
            return Line.of(chars.toString());
        } catch (MalformedInputException e) {
            return new Line(preview(line, length), new Rejection("record", "encoding",
                    "not valid UTF-8: " + describe(e) + " after " + validPrefix(line, length) + " valid bytes"));
        } catch (CharacterCodingException e) {
            return new Line(preview(line, length), new Rejection("record", "encoding", "not valid UTF-8"));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, READ_SIZE);
        } while (read == 0);
        if (read < 0) {
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** A byte-order mark is only ever at the start of the stream, where it may straddle reads. */
    private void skipByteOrderMark() throws IOException {
        int matched = 0;
        while (matched < BOM.length) {
            if (position == limit && !fill()) {
                putBack(matched); // the stream ended inside what looked like a mark
                return;
            }
            if (buffer[position] != BOM[matched]) {
                putBack(matched);
                return;
            }
            matched++;
            position++;
        }
    }

    /** The first {@code matched} bytes of a mark that turned out not to be one are data after all. */
    private void putBack(int matched) {
        if (matched == 0) {
            return;
        }
        if (position >= matched) {
            position -= matched;
            return;
        }
        // They came in an earlier read: put them back in front of what follows.
        byte[] rest = Arrays.copyOfRange(buffer, position, limit);
        System.arraycopy(BOM, 0, buffer, 0, matched);
        System.arraycopy(rest, 0, buffer, matched, rest.length);
        position = 0;
        limit = matched + rest.length;
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, maxLineBytes + 1)));
        }
    }

    /** The start of the line, leniently decoded (bad bytes shown as U+FFFD), for a dead letter. */
    private static String preview(byte[] line, int length) {
        return Excerpt.of(new String(line, 0, Math.min(length, PREVIEW_LENGTH * 4), StandardCharsets.UTF_8),
                PREVIEW_LENGTH);
    }

    private static int validPrefix(byte[] line, int length) {
        CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(line, 0, length);
        probe.decode(in, CharBuffer.allocate(length), true);
        return in.position();
    }

    private static String describe(MalformedInputException e) {
        return e.getInputLength() == 1 ? "a malformed byte" : e.getInputLength() + " malformed bytes";
    }
}
