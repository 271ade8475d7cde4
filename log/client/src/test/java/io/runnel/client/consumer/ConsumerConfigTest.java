package io.runnel.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerConfigTest {
    @Test
    void shouldUseKafkasDefaults() {
        ConsumerConfig config = ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1"));

        assertThat(config.fetchMinBytes()).isEqualTo(1);
        assertThat(config.fetchMaxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxPartitionFetchBytes()).isEqualTo(1024 * 1024);
        assertThat(config.fetchMaxBytes()).isEqualTo(50 * 1024 * 1024);
        assertThat(config.maxPollRecords()).isEqualTo(500);
        assertThat(config.autoOffsetReset()).isEqualTo(ConsumerConfig.OffsetReset.LATEST);
        assertThat(config.checkCrcs()).isTrue();
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertThatThrownBy(
                        () -> ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "auto.offset.reset", "first")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("auto.offset.reset");
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "max.poll.records", 0)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max.poll.records");
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "check.crcs", "maybe")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("check.crcs");
        assertThatThrownBy(() -> ConsumerConfig.fromMap(
                        Map.of("bootstrap.servers", "h:1", "request.timeout.ms", 100, "fetch.max.wait.ms", 500)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("fetch.max.wait.ms");
    }

    @Test
    void shouldBuildTheSameConfigWithTheTypedBuilder() {
        ConsumerConfig config = ConsumerConfig.builder()
                .bootstrapServers("h:1")
                .autoOffsetReset(ConsumerConfig.OffsetReset.EARLIEST)
                .maxPollRecords(10)
                .fetchMaxWait(Duration.ofMillis(100))
                .build();

        assertThat(config.autoOffsetReset()).isEqualTo(ConsumerConfig.OffsetReset.EARLIEST);
        assertThat(config.maxPollRecords()).isEqualTo(10);
        assertThat(config.fetchMaxWait()).isEqualTo(Duration.ofMillis(100));
    }
}
