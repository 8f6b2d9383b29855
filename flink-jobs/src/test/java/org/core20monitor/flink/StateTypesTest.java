package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.core20monitor.core.event.SeenIds;
import org.core20monitor.core.metric.DayHistograms;
import org.core20monitor.core.metric.MetricCounts;
import org.junit.jupiter.api.Test;

/** The state the aggregators keep is serialised field by field by Flink, not by a generic fallback. */
class StateTypesTest {

    @Test
    void histogramsAndCountsArePojosThatSurviveARoundTrip() throws Exception {
        assertThat(TypeInformation.of(DayHistograms.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MetricCounts.class)).isInstanceOf(PojoTypeInfo.class);

        DayHistograms h = new DayHistograms(3);
        h.add(new int[] {0, 2}, 20_000, +1);
        h.add(new int[] {2}, 19_990, +1);
        TypeSerializer<DayHistograms> serializer = TypeInformation.of(DayHistograms.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(h, out);
        DayHistograms back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.waitsAt(20_100)).isEqualTo(h.waitsAt(20_100));
        assertThat(back.counts[1]).isNull();
        assertThat(serializer.copy(h).waits()).isEqualTo(h.waits());
    }

    @Test
    void seenIdsIsAPojoThatRemembersTheSameIdsAfterARoundTrip() throws Exception {
        assertThat(TypeInformation.of(SeenIds.class)).isInstanceOf(PojoTypeInfo.class);

        SeenIds seen = new SeenIds();
        for (int i = 0; i < 100; i++) {
            seen.add(SeenIds.fingerprint("event-" + i), 1_000, 2_000 + i);
        }
        TypeSerializer<SeenIds> serializer = TypeInformation.of(SeenIds.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(seen, out);
        SeenIds back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.live(1_000)).isEqualTo(100);
        assertThat(back.add(SeenIds.fingerprint("event-7"), 1_500, 9_000)).isFalse();
        assertThat(back.add(SeenIds.fingerprint("event-7"), 2_007, 9_000)).isTrue();
        assertThat(back.add(SeenIds.fingerprint("event-100"), 1_500, 9_000)).isTrue();
    }
}
