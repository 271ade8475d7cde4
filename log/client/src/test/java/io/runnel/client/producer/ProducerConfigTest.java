package io.runnel.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.records.CompressionType;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProducerConfigTest {
    @Test
    void shouldUseKafkasDefaultsWithIdempotenceOn() {
        ProducerConfig config = ProducerConfig.fromMap(Map.of("bootstrap.servers", "h:1"));

        assertThat(config.acks()).isEqualTo((short) -1);
        assertThat(config.idempotence()).isTrue();
        assertThat(config.batchSize()).isEqualTo(16_384);
        assertThat(config.linger()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.compressionType()).isEqualTo(CompressionType.NONE);
    }

    @Test
    void shouldParseStringValuesFromProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", "h:1");
        properties.put("acks", "1");
        properties.put("compression.type", "zstd");
        properties.put("compression.zstd.level", "7");
        properties.put("linger.ms", "20");
        properties.put("unknown.key", "ignored");

        ProducerConfig config = ProducerConfig.fromProperties(properties);

        assertThat(config.acks()).isEqualTo((short) 1);
        assertThat(config.idempotence()).isFalse();
        assertThat(config.compressionType()).isEqualTo(CompressionType.ZSTD);
        assertThat(config.compressionLevel()).isEqualTo(7);
        assertThat(config.linger()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "acks", "2")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("acks");
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "batch.size", "big")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("batch.size");
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "compression.type", "lzma")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("compression.type");
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "transactional.id", "tx")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("transactional.id");
    }

    @Test
    void shouldRejectExplicitIdempotenceWithConflictingSettings() {
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of(
                        "bootstrap.servers",
                        "h:1",
                        "enable.idempotence",
                        "true",
                        "max.in.flight.requests.per.connection",
                        6)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max.in.flight.requests.per.connection");
    }

    @Test
    void shouldRaiseTheDeliveryTimeoutUnlessItWasSetExplicitly() {
        ProducerConfig raised = ProducerConfig.fromMap(
                Map.of("bootstrap.servers", "h:1", "linger.ms", 100_000, "request.timeout.ms", 30_000));

        assertThat(raised.deliveryTimeout()).isEqualTo(Duration.ofMillis(130_000));
        assertThatThrownBy(() -> ProducerConfig.fromMap(
                        Map.of("bootstrap.servers", "h:1", "delivery.timeout.ms", 1000, "linger.ms", 5000)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("delivery.timeout.ms");
    }

    @Test
    void shouldBuildTheSameConfigWithTheTypedBuilder() {
        ProducerConfig config = ProducerConfig.builder()
                .bootstrapServers("h:1")
                .compression(CompressionType.LZ4)
                .linger(Duration.ofMillis(50))
                .batchSize(1 << 20)
                .build();

        assertThat(config.compressionType()).isEqualTo(CompressionType.LZ4);
        assertThat(config.compressionLevel()).isEqualTo(9);
        assertThat(config.linger()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.batchSize()).isEqualTo(1 << 20);
    }
}
