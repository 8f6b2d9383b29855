package org.core20monitor.flink;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.reference.EthnicityGroup;

/**
 * Data-quality signals of an accepted event: counted, flagged when it lacks what a breakdown needs
 * (an IMD decile, a mapped LSOA, a stated ethnicity), so readers know when a gap may be an artefact
 * of recording, and flagged as late when it arrives after the event time has moved past it, so that
 * it revises figures already shown.
 */
public final class ClassifyQuality extends ProcessFunction<OutpatientEvent, QualitySignal> {

    private final Enrichment enrichment;

    public ClassifyQuality(Enrichment enrichment) {
        this.enrichment = enrichment;
    }

    @Override
    public void processElement(OutpatientEvent event, Context ctx, Collector<QualitySignal> out) {
        long at = event.eventTimeMillis();
        out.collect(new QualitySignal(QualitySignal.ACCEPTED, at));
        if (isLate(at, ctx.timerService().currentWatermark())) {
            out.collect(new QualitySignal(QualitySignal.LATE, at));
        }
        EventProfile profile = enrichment.profile(event);
        if (profile.imdDecile() == null) {
            out.collect(new QualitySignal(QualitySignal.IMD_UNKNOWN, at));
        }
        if (enrichment.lsoaUnmapped(event)) {
            out.collect(new QualitySignal(QualitySignal.LSOA_UNMAPPED, at));
        }
        if (EthnicityGroup.of(event.ethnicity()) == EthnicityGroup.UNKNOWN) {
            out.collect(new QualitySignal(QualitySignal.ETHNICITY_UNKNOWN, at));
        }
    }

    /** Behind the watermark: the views for its time have been emitted without it. */
    static boolean isLate(long eventTimeMillis, long watermark) {
        return eventTimeMillis <= watermark;
    }
}
