package org.core20monitor.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void anIdIsNewOnceAndARepeatUntilItsExpiry() {
        SeenIds ids = new SeenIds();
        long[] a = SeenIds.fingerprint("a");
        assertThat(ids.add(a, 0, 100)).isTrue();
        assertThat(ids.add(a, 99, 300)).as("repeat before the expiry").isFalse();
        assertThat(ids.add(SeenIds.fingerprint("b"), 99, 300)).isTrue();
        assertThat(ids.add(a, 100, 400)).as("forgotten at its expiry").isTrue();
        assertThat(ids.add(a, 399, 500)).as("remembered again until the new expiry").isFalse();
    }

    @Test
    void behavesAsAMapFromIdToExpiryThroughGrowthReuseAndSweeps() {
        // The same operations on a plain map: ids from a small pool so repeats and expiries are common.
        SplittableRandom random = new SplittableRandom(11);
        SeenIds ids = new SeenIds();
        Map<String, Long> model = new HashMap<>();
        long now = 0;
        int repeats = 0;
        for (int op = 0; op < 200_000; op++) {
            now += random.nextInt(3);
            if (random.nextInt(5_000) == 0) {
                ids.sweep(now);
                long current = now;
                model.values().removeIf(expiry -> expiry <= current);
                assertThat(ids.live(now)).isEqualTo(model.size());
                assertThat(ids.used).isEqualTo(model.size());
                continue;
            }
            String id = "e-" + random.nextInt(20_000);
            long forgetAt = now + 1 + random.nextInt(30_000);
            Long expiry = model.get(id);
            boolean expectedNew = expiry == null || expiry <= now;
            if (expectedNew) {
                model.put(id, forgetAt);
            } else {
                repeats++;
            }
            assertThat(ids.add(SeenIds.fingerprint(id), now, forgetAt)).as("op %d, %s at %d", op, id, now)
                    .isEqualTo(expectedNew);
        }
        long end = now;
        assertThat(ids.live(now)).isEqualTo(model.values().stream().filter(e -> e > end).count());
        assertThat(repeats).as("the run exercised repeats").isGreaterThan(10_000);
    }

    @Test
    void aSweepShrinksTheTableToTheLiveIds() {
        SeenIds ids = new SeenIds();
        for (int i = 0; i < 10_000; i++) {
            ids.add(SeenIds.fingerprint("id-" + i), 0, i < 100 ? 1_000 : 10);
        }
        assertThat(ids.high.length).isGreaterThanOrEqualTo(10_000 * 4 / 3);
        ids.sweep(10);
        assertThat(ids.live(10)).isEqualTo(100);
        assertThat(ids.high.length).isLessThanOrEqualTo(256);
        assertThat(ids.earliestExpiry()).isEqualTo(1_000);
        ids.sweep(1_000);
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.earliestExpiry()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fingerprintsAreStableAndIdsSpreadOverTheBuckets() {
        // MurmurHash3 x64 128 of "hello" (seed 0), as published for the reference implementation.
        long[] hello = SeenIds.fingerprint("hello");
        assertThat(hello).containsExactly(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L);
        int[] counts = new int[SeenIds.BUCKETS];
        for (int i = 0; i < 409_600; i++) {
            counts[SeenIds.bucket("g" + i + "-" + (i % 7))]++;
        }
        assertThat(java.util.Arrays.stream(counts).min().orElseThrow()).isGreaterThan(50);
        assertThat(java.util.Arrays.stream(counts).max().orElseThrow()).isLessThan(150);
    }

    @Test
    void anIdMustBeRememberedForAWhile() {
        assertThatThrownBy(() -> new SeenIds().add(SeenIds.fingerprint("a"), 10, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
