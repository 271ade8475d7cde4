package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.storage.cleaner.CompactedLog.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One cleaning pass, stepped directly: stopping, logs changing underneath, and readers running alongside. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CleanerTest {
    @TempDir
    Path tmp;

    private CompactedLog log;
    private Map<String, Entry> latest;
    private List<Entry> before;

    @BeforeEach
    void setUp() {
        log = new CompactedLog(tmp, Map.of());
        latest = new HashMap<>();
        for (int round = 0; round < 20; round++) {
            for (int k = 0; k < 10; k++) {
                String key = "key-" + k;
                String value = "value-" + round;
                latest.put(key, new Entry(log.append(key, value), key, value));
            }
        }
        log.log.roll();
        before = log.readAll();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    private Cleaner cleaner(int mapBytes) {
        return new Cleaner("[test] ", mapBytes, 4096, log.time);
    }

    private LogToClean snapshot() {
        return LogToClean.of(log.log, log.log.logStartOffset(), Long.MAX_VALUE, log.time.milliseconds());
    }

    @Test
    void shouldStopBetweenBatchesAndDeletePartialOutputWhenAsked() throws IOException {
        AtomicInteger polls = new AtomicInteger();

        Cleaner.Result result = cleaner(1024 * 1024).clean(snapshot(), () -> polls.incrementAndGet() > 250);

        assertThat(result.outcome()).isEqualTo(Cleaner.Outcome.STOPPED);
        assertThat(polls.get()).isEqualTo(251);
        assertThat(LogCleanerTest.cleanedFiles(log.dir)).isEmpty();
        assertThat(log.readAll()).hasSizeLessThan(before.size()).containsAll(latest.values());
    }

    @Test
    void shouldStopAndDeletePartialOutputWhenLogIsClosedMidClean() throws IOException {
        AtomicInteger polls = new AtomicInteger();

        Cleaner.Result result = cleaner(1024 * 1024).clean(snapshot(), () -> {
            if (polls.incrementAndGet() == 210) {
                log.log.close();
            }
            return log.log.isClosed();
        });

        assertThat(result.outcome()).isEqualTo(Cleaner.Outcome.STOPPED);
        assertThat(LogCleanerTest.cleanedFiles(log.dir)).isEmpty();
        log.reopen();
        assertThat(log.readAll()).containsAll(latest.values());
    }

    @Test
    void shouldNotSwapWhenSegmentsWereTruncatedMeanwhile() throws IOException {
        LogToClean stale = snapshot();
        long truncateTo = before.get(150).offset();
        log.log.truncateTo(truncateTo);
        List<Entry> truncated = log.readAll();

        Cleaner.Result result = cleaner(1024 * 1024).clean(stale, () -> false);

        assertThat(result.outcome()).isEqualTo(Cleaner.Outcome.STOPPED);
        assertThat(log.log.logEndOffset()).isEqualTo(truncateTo);
        assertThat(log.readAll()).extracting(Entry::offset).allMatch(offset -> offset < truncateTo);
        assertThat(log.readAll()).containsAll(truncated.subList(truncated.size() - 10, truncated.size()));
        assertThat(LogCleanerTest.cleanedFiles(log.dir)).isEmpty();
    }

    @Test
    void shouldNotSwapWhenRetentionDeletedSegmentsMeanwhile() throws IOException {
        LogToClean stale = snapshot();
        long newStart = log.log.segments().get(2).baseOffset();
        log.log.deleteRecordsBefore(newStart);
        List<Entry> remaining = log.readAll();

        Cleaner.Result result = cleaner(1024 * 1024).clean(stale, () -> false);

        assertThat(result.outcome()).isEqualTo(Cleaner.Outcome.STOPPED);
        assertThat(log.log.logStartOffset()).isEqualTo(newStart);
        assertThat(log.readAll()).containsExactlyElementsOf(remaining);
        assertThat(LogCleanerTest.cleanedFiles(log.dir)).isEmpty();
    }

    @Test
    void shouldServeValidCompleteReadsWhenCleaningConcurrently() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger scans = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get() || scans.get() == 0) {
                    checkScan(log.readAll());
                    scans.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        LogCleaner cleaner = new LogCleaner(
                new CleanerConfig(true, 1, CleanerConfig.MIN_MAP_BYTES_PER_THREAD, 4096, java.time.Duration.ZERO),
                () -> List.of(log.log),
                CompactedLog.ALL_COMMITTED,
                log.time);

        reader.start();
        int passes = 0;
        try (cleaner) {
            while (cleaner.runOnce() && failure.get() == null) {
                passes++;
            }
        } finally {
            done.set(true);
            reader.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(passes).isGreaterThan(0);
        assertThat(scans.get()).isPositive();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    /** A scan during cleaning: increasing offsets, only appended records, and every key's latest record. */
    private void checkScan(List<Entry> scan) {
        List<Long> offsets = new ArrayList<>();
        for (Entry entry : scan) {
            offsets.add(entry.offset());
            assertThat(entry).isEqualTo(before.get((int) entry.offset()));
        }
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        assertThat(scan).containsAll(latest.values());
    }
}
