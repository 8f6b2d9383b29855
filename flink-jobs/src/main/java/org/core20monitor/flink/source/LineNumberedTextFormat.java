package org.core20monitor.flink.source;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.JsonLinesReader;

/**
 * UTF-8 text lines tagged with their file and 1-based line number, read by {@link JsonLinesFormat}
 * (bounded length, strict UTF-8). Because the format is not splittable, each record's skip count from
 * the start of the file is its line number, and restores from a checkpoint keep counting from the same
 * place.
 */
public final class LineNumberedTextFormat implements BulkFormat<SourceLine, FileSourceSplit> {

    private final StreamFormatAdapter<JsonLinesReader.Line> lines;

    public LineNumberedTextFormat() {
        this(EventParser.MAX_LINE_LENGTH);
    }

    public LineNumberedTextFormat(int maxLineBytes) {
        this.lines = new StreamFormatAdapter<>(new JsonLinesFormat(maxLineBytes));
    }

    @Override
    public Reader<SourceLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return tagged(lines.createReader(config, split), split);
    }

    @Override
    public Reader<SourceLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return tagged(lines.restoreReader(config, split), split);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<SourceLine> getProducedType() {
        return TypeInformation.of(SourceLine.class);
    }

    private static Reader<SourceLine> tagged(Reader<JsonLinesReader.Line> reader, FileSourceSplit split) {
        String source = split.path().toString();
        return new Reader<>() {
            @Override
            public RecordIterator<SourceLine> readBatch() throws IOException {
                RecordIterator<JsonLinesReader.Line> batch = reader.readBatch();
                if (batch == null) {
                    return null;
                }
                return new RecordIterator<>() {
                    @Override
                    public RecordAndPosition<SourceLine> next() {
                        RecordAndPosition<JsonLinesReader.Line> line = batch.next();
                        if (line == null) {
                            return null;
                        }
                        JsonLinesReader.Line read = line.getRecord();
                        return new RecordAndPosition<>(
                                new SourceLine(source, line.getRecordSkipCount(), read.text(), read.problem()),
                                line.getOffset(), line.getRecordSkipCount());
                    }

                    @Override
                    public void releaseBatch() {
                        batch.releaseBatch();
                    }
                };
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
