package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void aDedupRetentionNoLongerThanTheAllowedLatenessIsRefusedWithTheReason() {
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--dedup-retention-days", "7"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dedup-retention-days must be longer than --allowed-lateness-days (7 days)");
        assertThat(JobOptions.from(new String[] {"--dedup-retention-days", "30"}, Map.of()).dedupRetentionMillis())
                .isEqualTo(30L * 86_400_000);
    }
}
