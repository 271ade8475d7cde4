package io.runnel.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsTest {

    @Test
    void shouldListHoppingWindowsContainingATimestamp() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)).advanceBy(Duration.ofMillis(4));

        assertThat(w.windowStartsFor(13)).containsExactly(4L, 8L, 12L);
        assertThat(w.windowStartsFor(2)).containsExactly(0L);
    }

    @Property(tries = 300)
    void everyListedWindowContainsTheTimestampAndNoOtherAlignedOneDoes(
            @ForAll @LongRange(min = 1, max = 100) long size,
            @ForAll @LongRange(min = 1, max = 100) long advanceSeed,
            @ForAll @LongRange(min = 0, max = 10_000) long ts) {
        long advance = 1 + (advanceSeed - 1) % size;
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));

        List<Long> starts = w.windowStartsFor(ts);

        for (long start = 0; start <= ts; start += advance) {
            boolean contains = ts < start + size;
            assertThat(starts.contains(start)).isEqualTo(contains);
        }
    }

    @Test
    void shouldRejectBadWindowsWithMessagesNamingTheValue() {
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() ->
                        TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)).advanceBy(Duration.ofMillis(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 ms");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Grace");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-0.003S");
        assertThatThrownBy(() -> Named.as("bad name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name");
    }
}
