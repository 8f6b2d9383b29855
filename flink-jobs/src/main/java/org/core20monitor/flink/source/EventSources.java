package org.core20monitor.flink.source;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;

/** The job's inputs: JSON Lines files (replayed or watched) and the synthetic generator. */
public final class EventSources {

    private EventSources() {}

    /** A file or a directory of files, read once; or, with a watch interval, watched for new files. */
    public static FileSource<SourceLine> files(String path, Duration watchInterval) {
        FileSource.FileSourceBuilder<SourceLine> builder =
                FileSource.forBulkFileFormat(new LineNumberedTextFormat(), new Path(path));
        if (watchInterval != null) {
            builder.monitorContinuously(watchInterval);
        }
        return builder.build();
    }

    /** The synthetic history, then (if {@code live}) a live trickle that never ends. */
    public static Source<SourceLine, ?, ?> generator(GeneratorConfig config, boolean live, double liveEventsPerSecond) {
        long count = live ? Long.MAX_VALUE : historyLength(config);
        return new DataGeneratorSource<>(new SyntheticLines(config, liveEventsPerSecond), count,
                TypeInformation.of(SourceLine.class));
    }

    /** The number of lines in the history alone, so a bounded run stops exactly at its end. */
    static long historyLength(GeneratorConfig config) {
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        long n = 0;
        while (generator.nextHistory() != null) {
            n++;
        }
        return n;
    }
}
