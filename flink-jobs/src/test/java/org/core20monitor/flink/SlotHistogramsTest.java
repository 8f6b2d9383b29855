package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotHistogramsTest {

    @Test
    void aKeyGivesBackItsSlotAndDay() {
        for (int slot : new int[] {0, 1, 37, SlotHistograms.MAX_SLOTS - 1}) {
            for (long day : new long[] {0, 1, 400, 20_800, 40_000, -3}) {
                long key = SlotHistograms.key(slot, day);
                assertThat(SlotHistograms.slot(key)).isEqualTo(slot);
                assertThat(SlotHistograms.day(key)).isEqualTo(day);
            }
        }
    }

    @Test
    void theKeysOfAYearOfDaysInEverySlotHaveDistinctHashCodes() {
        Set<Integer> hashes = new HashSet<>();
        int keys = 0;
        for (int slot = 0; slot < 64; slot++) {
            for (long day = 20_000; day < 20_730; day++) {
                hashes.add(Long.hashCode(SlotHistograms.key(slot, day)));
                keys++;
            }
        }
        assertThat(hashes).hasSize(keys);
    }
}
