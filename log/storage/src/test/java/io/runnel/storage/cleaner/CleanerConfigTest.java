package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CleanerConfigTest {
    @Test
    void shouldUseKafkaDefaultsWhenNothingIsSet() {
        CleanerConfig config = CleanerConfig.defaults();

        assertThat(config)
                .isEqualTo(new CleanerConfig(true, 1, 128L * 1024 * 1024, 512 * 1024, Duration.ofSeconds(15)));
        assertThat(config.mapBytesPerThread()).isEqualTo(128 * 1024 * 1024);
    }

    @Test
    void shouldIgnoreOtherKeysWhenParsingBrokerProperties() {
        CleanerConfig config = CleanerConfig.fromMap(Map.of(
                "log.cleaner.threads", "4",
                "log.cleaner.dedupe.buffer.size", "8388608",
                "log.cleaner.backoff.ms", "100",
                "log.cleaner.enable", "false",
                "broker.id", "1"));

        assertThat(config.threads()).isEqualTo(4);
        assertThat(config.mapBytesPerThread()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.enable()).isFalse();
    }

    @Test
    void shouldStartNoThreadsWhenThreadsIsZero() {
        CleanerConfig config = CleanerConfig.fromMap(Map.of("log.cleaner.threads", "0"));

        try (LogCleaner cleaner =
                new LogCleaner(config, java.util.List::of, CompactedLog.ALL_COMMITTED, io.runnel.common.Time.SYSTEM)) {
            cleaner.startup();

            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith(LogCleaner.THREAD_NAME_PREFIX));
        }
        assertThat(config.mapBytesPerThread()).isEqualTo(128 * 1024 * 1024);
    }

    @Test
    void shouldNameKeyWhenValueIsInvalid() {
        assertThatThrownBy(() -> CleanerConfig.fromMap(Map.of("log.cleaner.threads", "-1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("log.cleaner.threads");
    }

    @Test
    void shouldRejectConfigWhenDedupeBufferIsTooSmallForThreads() {
        assertThatThrownBy(() -> new CleanerConfig(true, 8, 4096, 4096, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedupeBufferSize");
    }

    @Test
    void shouldCapMapBelowTwoGibibytesWhenDedupeBufferIsHuge() {
        CleanerConfig config = new CleanerConfig(true, 1, 8L * 1024 * 1024 * 1024, 4096, Duration.ZERO);

        assertThat(config.mapBytesPerThread()).isLessThan(Integer.MAX_VALUE);
    }

    /** Regenerate with {@code mvn -pl log/storage test -Dtest=CleanerConfigTest -Drunnel.updateDocs=true}. */
    @Test
    void shouldMatchTheCleanerConfigTableWhenDocumented() throws IOException {
        Path file = Path.of("..", "..", "docs", "reference", "log-cleaner-configs.md");
        String expected = "# Broker log-cleaner configuration\n\n"
                + "Broker-level settings of the log cleaner, which compacts topics with `cleanup.policy=compact`"
                + " (see `docs/compaction.md`), with Apache Kafka's key names.\n\n"
                + CleanerConfig.DEFINITION.toMarkdown();
        if (Boolean.getBoolean("runnel.updateDocs")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }

        assertThat(file).as("regenerate with -Drunnel.updateDocs=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
