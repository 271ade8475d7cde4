package io.runnel.bench.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackgroundFlusherTest {
    private static final int INTERVAL = 1000;

    /** Counts bytes appended and flushed; a flush makes everything appended before it durable. */
    private static final class CountingLog implements AppendLog {
        final AtomicLong appended = new AtomicLong();
        final AtomicLong durable = new AtomicLong();
        final AtomicLong flushes = new AtomicLong();
        volatile boolean fail;

        @Override
        public long append(ByteBuffer batches) {
            return appended.getAndAdd(batches.remaining());
        }

        @Override
        public void flush() throws IOException {
            if (fail) {
                throw new IOException("disk full");
            }
            durable.set(appended.get());
            flushes.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    @Test
    void shouldKeepAppenderWithinTwoIntervalsOfDurableDataWhenAppendingFast() throws Exception {
        CountingLog log = new CountingLog();
        ByteBuffer batch = ByteBuffer.allocate(100);
        long maxAhead = 0;
        try (BackgroundFlusher flusher = new BackgroundFlusher(log, INTERVAL)) {
            for (int i = 0; i < 10_000; i++) {
                log.append(batch);
                flusher.appended(batch.remaining());
                // appended() returned: at most two intervals are not yet durable.
                maxAhead = Math.max(maxAhead, log.appended.get() - log.durable.get());
            }
        }

        assertThat(maxAhead).isLessThan(2 * INTERVAL);
        // 1,000,000 bytes in 1,000-byte intervals: the appender waited for the flusher, so most intervals were synced.
        assertThat(log.flushes.get()).isBetween(100L, 1_000L);
    }

    @Test
    void shouldNotFlushWhenLessThanOneIntervalWasAppended() throws Exception {
        CountingLog log = new CountingLog();
        try (BackgroundFlusher flusher = new BackgroundFlusher(log, INTERVAL)) {
            log.append(ByteBuffer.allocate(INTERVAL - 1));
            flusher.appended(INTERVAL - 1);
        }

        assertThat(log.flushes.get()).isZero();
    }

    @Test
    void shouldRethrowFlushFailureToAppenderWhenItWaits() {
        CountingLog log = new CountingLog();
        log.fail = true;
        BackgroundFlusher flusher = new BackgroundFlusher(log, INTERVAL);

        assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        flusher.appended(INTERVAL);
                    }
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full");
        assertThatThrownBy(flusher::close).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldRejectNonPositiveInterval() {
        assertThatThrownBy(() -> new BackgroundFlusher(new CountingLog(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
