package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.TopicPartition;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManager;
import io.runnel.storage.LogManagerConfig;
import io.runnel.storage.MockTime;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import io.runnel.storage.cleaner.CompactedLog.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cleaner wired to a {@link LogManager} as the broker wires it: the calls documented on {@link LogCleaner}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CleanerWithLogManagerTest {
    private static final TopicPartition TP = new TopicPartition("changelog", 3);

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime(CompactedLog.START_MS);

    private static void append(Log log, String key, String value, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);
        builder.reset(0)
                .append(timestamp, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        ByteBuffer built = builder.build();
        log.appendAsLeader(ByteBuffer.allocate(built.remaining()).put(built).flip(), 0);
    }

    private static CleanerConfig cleanerConfig(LogManagerConfig config) {
        return new CleanerConfig(
                config.cleanerEnabled(),
                config.cleanerThreads(),
                config.cleanerDedupeBufferSize(),
                CleanerConfig.DEFAULT_IO_BUFFER_SIZE,
                config.cleanerBackoff());
    }

    @Test
    void shouldCompactManagedLogAndForgetItWhenDeleted() {
        LogManagerConfig config = LogManagerConfig.forDirs(List.of(logDir), LogConfig.defaults());
        try (LogManager manager = LogManager.start(config, time);
                LogCleaner cleaner =
                        new LogCleaner(cleanerConfig(config), manager::logs, CompactedLog.ALL_COMMITTED, time)) {
            Log log = manager.getOrCreateLog(TP, CompactedLog.config(Map.of()));
            for (int round = 0; round < 20; round++) {
                for (int k = 0; k < 10; k++) {
                    append(log, "key-" + k, "value-" + round, time.milliseconds());
                }
            }
            log.roll();

            assertThat(cleaner.runOnce()).isTrue();
            assertThat(CompactedLog.readAll(log)).extracting(Entry::value).containsOnly("value-19");
            OffsetCheckpointFile checkpoint = new OffsetCheckpointFile(logDir.resolve(CleanerCheckpoints.FILE_NAME));
            assertThat(checkpoint.read()).containsEntry(TP, log.activeSegment().baseOffset());

            cleaner.abortAndPause(TP);
            manager.deleteLog(TP);
            cleaner.forget(log);

            assertThat(checkpoint.read()).doesNotContainKey(TP);
            assertThat(cleaner.runOnce()).isFalse();
        }
    }

    @Test
    void shouldLeaveNoCleanerThreadsWhenClosedBeforeManager() {
        LogManagerConfig config = LogManagerConfig.fromMap(
                Map.of("log.dirs", logDir.toString(), "log.cleaner.threads", "2", "log.cleaner.backoff.ms", "3600000"),
                LogConfig.defaults());
        LogManager manager = LogManager.start(config, time);
        LogCleaner cleaner = new LogCleaner(cleanerConfig(config), manager::logs, CompactedLog.ALL_COMMITTED, time);
        cleaner.startup();

        cleaner.close();
        manager.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(LogCleaner.THREAD_NAME_PREFIX));
        assertThat(cleanerConfig(config).backoff()).isEqualTo(Duration.ofHours(1));
    }
}
