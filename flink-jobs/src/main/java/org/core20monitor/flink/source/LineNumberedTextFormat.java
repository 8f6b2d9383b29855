package org.core20monitor.flink.source;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * UTF-8 text lines tagged with their file and 1-based line number. It wraps Flink's text line
 * format; because that format is not splittable, each record's skip count from the start of the file
 * is its line number, and restores from a checkpoint keep counting from the same place.
 */
public final class LineNumberedTextFormat implements BulkFormat<SourceLine, FileSourceSplit> {

    private final StreamFormatAdapter<String> lines = new StreamFormatAdapter<>(new TextLineInputFormat());

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

    private static Reader<SourceLine> tagged(Reader<String> reader, FileSourceSplit split) {
        String source = split.path().toString();
        return new Reader<>() {
            @Override
            public RecordIterator<SourceLine> readBatch() throws IOException {
                RecordIterator<String> batch = reader.readBatch();
                if (batch == null) {
                    return null;
                }
                return new RecordIterator<>() {
                    @Override
                    public RecordAndPosition<SourceLine> next() {
                        RecordAndPosition<String> line = batch.next();
                        if (line == null) {
                            return null;
                        }
                        return new RecordAndPosition<>(
                                new SourceLine(source, line.getRecordSkipCount(), line.getRecord()),
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
