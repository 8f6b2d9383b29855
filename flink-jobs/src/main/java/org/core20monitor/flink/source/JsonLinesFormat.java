package org.core20monitor.flink.source;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.core20monitor.core.event.JsonLinesReader;

/** Flink's file source reading JSON Lines through {@link JsonLinesReader}: bounded lines, strict UTF-8. */
final class JsonLinesFormat extends SimpleStreamFormat<JsonLinesReader.Line> {

    private final int maxLineBytes;

    JsonLinesFormat(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<JsonLinesReader.Line> createReader(Configuration config, FSDataInputStream stream) {
        JsonLinesReader lines = new JsonLinesReader(stream, maxLineBytes);
        return new Reader<>() {
            @Override
            public JsonLinesReader.Line read() throws IOException {
                return lines.next();
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<JsonLinesReader.Line> getProducedType() {
        return TypeInformation.of(JsonLinesReader.Line.class);
    }
}
