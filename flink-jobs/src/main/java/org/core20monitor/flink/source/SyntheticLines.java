package org.core20monitor.flink.source;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;

/**
 * Feeds the job from the synthetic generator: the history as fast as the job takes it, then, if
 * live, new events stamped with the wall clock at about {@code liveEventsPerSecond}.
 *
 * <p>The generator is a sequential simulation, so this runs at parallelism 1. After a restore the
 * sequence resumes at a later index; the simulation is replayed from its seed, unpaced, up to that
 * index, so the history continues exactly where it stopped. Live events are stamped with the wall
 * clock, so after a restore in the live phase the live stream goes on from now rather than repeating.
 */
public final class SyntheticLines implements GeneratorFunction<Long, SourceLine> {

    public static final String SOURCE = "generator";

    private final GeneratorConfig config;
    private final double liveEventsPerSecond;
    private transient SyntheticEventGenerator generator;
    private transient long produced;
    private transient boolean historyDone;
    private transient long nextLiveAt;

    public SyntheticLines(GeneratorConfig config, double liveEventsPerSecond) {
        if (!(liveEventsPerSecond > 0 && liveEventsPerSecond <= 10_000)) {
            throw new IllegalArgumentException("the live rate must be between 0 and 10,000 events a second, was "
                    + liveEventsPerSecond);
        }
        this.config = config;
        this.liveEventsPerSecond = liveEventsPerSecond;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        generator = new SyntheticEventGenerator(config);
        produced = 0;
        historyDone = false;
    }

    @Override
    public SourceLine map(Long index) throws InterruptedException {
        while (produced < index) {
            next(false); // catching up after a restore: no pacing
        }
        return new SourceLine(SOURCE, index, next(true));
    }

    private String next(boolean paced) throws InterruptedException {
        produced++;
        if (!historyDone) {
            SyntheticEventGenerator.Line line = generator.nextHistory();
            if (line != null) {
                return line.json();
            }
            historyDone = true;
            nextLiveAt = System.currentTimeMillis();
        }
        // Pace the live phase; the wait is short, so checkpoints are delayed by at most one interval.
        long wait = nextLiveAt - System.currentTimeMillis();
        if (paced && wait > 0) {
            Thread.sleep(wait);
        }
        nextLiveAt = Math.max(nextLiveAt, System.currentTimeMillis()) + (long) (1000 / liveEventsPerSecond);
        return generator.nextLive(System.currentTimeMillis()).json();
    }
}
