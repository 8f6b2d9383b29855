package org.core20monitor.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsEmptyLines() throws IOException {
        assertThat(read("a\nbb\r\n\nccc", 100, 7)).containsExactly("a", "bb", "", "ccc");
        assertThat(read("a\n", 100, 1)).containsExactly("a");
        assertThat(read("", 100, 1)).isEmpty();
        assertThat(read("\n", 100, 1)).containsExactly("");
        assertThat(read("a\rb\n", 100, 3)).as("a carriage return inside a line is data").containsExactly("a\rb");
    }

    @Test
    void aByteOrderMarkAtTheStartIsDroppedEvenWhenSplitAcrossReads() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (int chunk = 1; chunk <= 4; chunk++) {
            assertThat(readLines(concat(bom, bytes("{}\n{}")), 100, chunk)).extracting(JsonLinesReader.Line::text)
                    .containsExactly("{}", "{}");
            assertThat(readLines(bom, 100, chunk)).isEmpty();
            // A stream that ends inside what looked like a mark is a line of data.
            for (int n = 1; n < 3; n++) {
                assertThat(readLines(Arrays.copyOf(bom, n), 100, chunk)).singleElement()
                        .satisfies(l -> assertThat(l.problem().reason()).isEqualTo("record:encoding"));
            }
            // The first two bytes of a mark followed by something else are data, not a mark: not UTF-8.
            List<JsonLinesReader.Line> partial = readLines(concat(Arrays.copyOf(bom, 2), bytes("x\ny")), 100, chunk);
            assertThat(partial).hasSize(2);
            assertThat(partial.get(0).problem().reason()).isEqualTo("record:encoding");
            assertThat(partial.get(1)).isEqualTo(JsonLinesReader.Line.of("y"));
        }
        assertThat(read("a\n\uFEFFb", 100, 64)).as("only at the very start").containsExactly("a", "\uFEFFb");
    }

    @Test
    void multiByteCharactersAreDecoded() throws IOException {
        String text = "{\"name\":\"Zoë – 東京 \uD83D\uDE00\"}";
        for (int chunk = 1; chunk <= 5; chunk++) {
            assertThat(read(text + "\n" + text, 100, chunk)).containsExactly(text, text);
        }
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAndTheNextIsRead() throws IOException {
        byte[][] notUtf8 = {
            {(byte) 0xFF},                                   // never valid
            {(byte) 0x80},                                   // a continuation byte on its own
            {(byte) 0xC3, (byte) 0x28},                      // a lead byte without its continuation
            {(byte) 0xC0, (byte) 0x80},                      // an overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},         // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {(byte) 0xE2, (byte) 0x82},                      // cut off at the end of the line
        };
        for (byte[] bad : notUtf8) {
            byte[] input = concat(bytes("{\"a\":\""), bad, bytes("\"}\n{\"b\":1}\n"));
            List<JsonLinesReader.Line> lines = readLines(input, 100, 3);
            assertThat(lines).hasSize(2);
            Rejection problem = lines.get(0).problem();
            assertThat(problem).as(Arrays.toString(bad)).isNotNull();
            assertThat(problem.reason()).isEqualTo("record:encoding");
            assertThat(problem.message()).startsWith("not valid UTF-8").contains("after 6 valid bytes");
            assertThat(lines.get(0).text()).startsWith("{\"a\":\"");
            assertThat(lines.get(1)).isEqualTo(JsonLinesReader.Line.of("{\"b\":1}"));
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithItsLengthAndAPreview() throws IOException {
        String longLine = "y".repeat(1000);
        List<JsonLinesReader.Line> lines = readLines(bytes("ok\n" + longLine + "\r\nnext\n" + "z".repeat(50)), 50, 7);
        assertThat(lines).extracting(JsonLinesReader.Line::text)
                .containsExactly("ok", "y".repeat(JsonLinesReader.PREVIEW_LENGTH).substring(0, 51), "next", "z".repeat(50));
        Rejection problem = lines.get(1).problem();
        assertThat(problem.reason()).isEqualTo("record:too_long");
        assertThat(problem.message()).isEqualTo("the line is 1000 bytes long; at most 50 are read");
        assertThat(lines.get(3).problem()).as("exactly at the limit is fine").isNull();
        assertThat(readLines(bytes("z".repeat(50) + "\r\n"), 50, 64)).containsExactly(JsonLinesReader.Line.of("z".repeat(50)));
    }

    @Test
    void aRunawayLineLongerThanAnyArrayIsSkippedWithoutHoldingIt() throws IOException {
        long length = Integer.MAX_VALUE + 100_000_000L;
        InputStream endless = new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        try (JsonLinesReader reader = new JsonLinesReader(new java.io.SequenceInputStream(endless,
                new ByteArrayInputStream(bytes("\n{}\n"))))) {
            JsonLinesReader.Line runaway = reader.next();
            assertThat(runaway.problem().message()).isEqualTo(
                    "the line is " + length + " bytes long; at most " + EventParser.MAX_LINE_LENGTH + " are read");
            assertThat(runaway.text()).hasSize(JsonLinesReader.PREVIEW_LENGTH);
            assertThat(reader.next()).isEqualTo(JsonLinesReader.Line.of("{}"));
            assertThat(reader.next()).isNull();
        }
    }

    /**
     * Against a second, simple reading: split the bytes on newline, drop one trailing carriage return, and
     * call a line valid UTF-8 when decoding and re-encoding it gives back the same bytes.
     */
    @Property(tries = 1000)
    void agreesWithASimpleReadingOfAnyBytes(@ForAll("jsonLinesLikeBytes") byte[] input,
                                            @ForAll @IntRange(min = 1, max = 40) int maxLineBytes,
                                            @ForAll @IntRange(min = 1, max = 9) int chunk) throws IOException {
        List<JsonLinesReader.Line> lines = readLines(input, maxLineBytes, chunk);
        List<byte[]> expected = simpleSplit(input);
        assertThat(lines).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            byte[] line = expected.get(i);
            JsonLinesReader.Line got = lines.get(i);
            if (line.length > maxLineBytes) {
                assertThat(got.problem().reason()).isEqualTo("record:too_long");
            } else if (!Arrays.equals(new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), line)) {
                assertThat(got.problem().reason()).isEqualTo("record:encoding");
            } else {
                assertThat(got).isEqualTo(JsonLinesReader.Line.of(new String(line, StandardCharsets.UTF_8)));
            }
            assertThat(got.text().length()).isLessThanOrEqualTo(Math.max(maxLineBytes, JsonLinesReader.PREVIEW_LENGTH));
        }
    }

    /** A record that arrives on its own (a message) reads as the same bytes would as a line of a file. */
    @Property(tries = 1000)
    void aWholeRecordReadsAsTheSameBytesDoAsALine(@ForAll("jsonLinesLikeBytes") byte[] input,
                                                  @ForAll @IntRange(min = 1, max = 40) int maxBytes) throws IOException {
        byte[] record = withoutLineBreaksOrMark(input);
        List<JsonLinesReader.Line> asLine = readLines(concat(record, bytes("\n")), maxBytes, 7);
        assertThat(JsonLinesReader.decode(record, maxBytes)).isEqualTo(asLine.get(0));
    }

    @Test
    void aRecordWithNoValueReadsAsEmptyTextForTheParserToReject() {
        assertThat(JsonLinesReader.decode(null, 10)).isEqualTo(JsonLinesReader.Line.of(""));
        assertThat(new EventParser().parse(JsonLinesReader.decode(null, 10).text()))
                .isInstanceOf(ParseResult.Invalid.class);
    }

    private static byte[] withoutLineBreaksOrMark(byte[] input) {
        byte[] out = input.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n' || out[i] == '\r' || (i == 0 && out[i] == (byte) 0xEF)) {
                out[i] = 'n';
            }
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> jsonLinesLikeBytes() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.bytes().between((byte) 'a', (byte) 'z')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) '\n', (byte) '\r')),
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(200).map(JsonLinesReaderTest::withSomeValidMultiByte);
    }

    private static byte[] withSomeValidMultiByte(byte[] bytes) {
        return bytes.length % 3 == 0 ? concat(bytes, bytes("é東\uD83D\uDE00")) : bytes;
    }

    private static List<byte[]> simpleSplit(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        if (input.length >= 3 && input[0] == (byte) 0xEF && input[1] == (byte) 0xBB && input[2] == (byte) 0xBF) {
            start = 3;
        }
        for (int i = start; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (i == input.length && i == start) {
                    break;
                }
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(input, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> read(String text, int max, int chunk) throws IOException {
        List<String> texts = new ArrayList<>();
        for (JsonLinesReader.Line line : readLines(bytes(text), max, chunk)) {
            assertThat(line.problem()).as(line.text()).isNull();
            texts.add(line.text());
        }
        return texts;
    }

    /** Reads through a stream that hands over at most {@code chunk} bytes per read, as a network might. */
    private static List<JsonLinesReader.Line> readLines(byte[] input, int max, int chunk) throws IOException {
        InputStream trickle = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<JsonLinesReader.Line> lines = new ArrayList<>();
        try (JsonLinesReader reader = new JsonLinesReader(trickle, max)) {
            JsonLinesReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
