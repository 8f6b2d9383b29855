package org.core20monitor.flink;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.reference.EthnicityGroup;

/**
 * Data-quality signals of an accepted event: counted, and flagged when it lacks what a breakdown
 * needs (an IMD decile, a mapped LSOA, a stated ethnicity), so readers know when a gap may be an
 * artefact of recording.
 */
public final class ClassifyQuality implements FlatMapFunction<OutpatientEvent, QualitySignal> {

    private final Enrichment enrichment;

    public ClassifyQuality(Enrichment enrichment) {
        this.enrichment = enrichment;
    }

    @Override
    public void flatMap(OutpatientEvent event, Collector<QualitySignal> out) {
        long at = event.eventTimeMillis();
        out.collect(new QualitySignal(QualitySignal.ACCEPTED, at));
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
}
