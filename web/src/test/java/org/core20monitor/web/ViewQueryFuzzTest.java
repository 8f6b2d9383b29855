package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.core20monitor.core.reference.ClinicalAreas;

/**
 * API parameters against hostile values: every combination either makes a query or is refused with
 * a BadParameter (a 400 with a message), never any other exception (which would be a 500).
 */
class ViewQueryFuzzTest {

    private static final List<String> NAMES = List.of("metric", "period", "icb", "provider", "specialty", "area",
            "by", "from", "to");

    @Property(tries = 3000)
    void anyParametersMakeAQueryOrA400(@ForAll("parameters") List<String> values) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < NAMES.size(); i++) {
            if (values.get(i) != null) {
                params.add(NAMES.get(i), values.get(i));
            }
        }
        for (Runnable call : List.<Runnable>of(
                () -> ViewQuery.parse(params, "2026-10", ClinicalAreas.DEFAULT).single(),
                () -> ViewQuery.parse(params, "2026-10", ClinicalAreas.DEFAULT).specs(),
                () -> ViewQuery.parseSeries(params, ClinicalAreas.DEFAULT),
                () -> ViewQuery.parseOverview(params, null, ClinicalAreas.DEFAULT),
                () -> ViewQuery.range(params.get("from"), params.get("to"), List.of("2026-09", "2026-10")))) {
            try {
                call.run();
                Statistics.collect("accepted");
            } catch (ViewQuery.BadParameter e) {
                assertThat(e.getMessage()).isNotBlank();
                Statistics.collect("400");
            }
        }
    }

    @Provide
    Arbitrary<List<String>> parameters() {
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.of("pifu_rate", "dna_rate,waiting_list", "2026-10", "2026-13", "0000-00", "QWE", "qwe",
                        "RJ7", "330", "maternity", "imd_quintile", "imd_quintile,sex", "plus:CARER", "plus:", ",", "",
                        " ", "%00", "../../etc/passwd", "9".repeat(400), "2026-1", "-2026-10", "\u0000", "null"),
                Arbitraries.strings().ofMaxLength(40));
        return hostile.injectNull(0.4).list().ofSize(NAMES.size());
    }
}
