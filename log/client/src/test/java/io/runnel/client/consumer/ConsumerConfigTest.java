package io.runnel.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
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

    @Test
    void shouldUseKafkasGroupDefaultsWhenAGroupIdIsSet() {
        ConsumerConfig config = ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "group.id", "g"));

        assertThat(config.groupId()).isEqualTo("g");
        assertThat(config.groupInstanceId()).isEmpty();
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.enableAutoCommit()).isTrue();
        assertThat(config.autoCommitInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.leaveGroupOnClose()).isTrue();
        assertThat(config.partitionAssignmentStrategies())
                .containsExactly(RangeAssignor.class.getName(), CooperativeStickyAssignor.class.getName());
    }

    @Test
    void shouldDisableAutoCommitWhenNoGroupIdIsSet() {
        assertThat(ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1")).enableAutoCommit())
                .isFalse();
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of("bootstrap.servers", "h:1", "enable.auto.commit", true)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("enable.auto.commit");
    }

    @Test
    void shouldRefuseTheConsumerGroupProtocolWithAClearErrorWhenConfigured() {
        assertThatThrownBy(() -> ConsumerConfig.fromMap(
                        Map.of("bootstrap.servers", "h:1", "group.id", "g", "group.protocol", "consumer")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("group.protocol=consumer")
                .hasMessageContaining("classic");
    }

    @Test
    void shouldRejectAHeartbeatIntervalNotBelowTheSessionTimeout() {
        assertThatThrownBy(() -> ConsumerConfig.fromMap(
                        Map.of("bootstrap.servers", "h:1", "session.timeout.ms", 6000, "heartbeat.interval.ms", 6000)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("heartbeat.interval.ms");
    }

    @Test
    void shouldRejectAnIllegalGroupInstanceId() {
        assertThatThrownBy(() -> ConsumerConfig.fromMap(
                        Map.of("bootstrap.servers", "h:1", "group.id", "g", "group.instance.id", "a b")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("group.instance.id");
    }

    @Test
    void shouldMapShortKafkaAndRunnelAssignorNamesToRunnelsAssignors() {
        var assignors = io.runnel.client.consumer.internal.Assignors.create(List.of(
                "range",
                "org.apache.kafka.clients.consumer.RoundRobinAssignor",
                "io.runnel.client.consumer.StickyAssignor",
                "cooperative-sticky"));

        assertThat(assignors)
                .extracting(ConsumerPartitionAssignor::name)
                .containsExactly("range", "roundrobin", "sticky", "cooperative-sticky");
        assertThat(assignors.get(1)).isInstanceOf(RoundRobinAssignor.class);
    }

    @Test
    void shouldRejectAnUnknownAssignorNamingTheKey() {
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of(
                        "bootstrap.servers", "h:1", "group.id", "g", "partition.assignment.strategy", "fastest")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("partition.assignment.strategy");
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of(
                        "bootstrap.servers", "h:1",
                        "group.id", "g",
                        "partition.assignment.strategy", "com.example.Missing")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("class not found");
    }

    @Test
    void shouldChooseCooperativeOnlyWhenEveryAssignorSupportsIt() {
        var eager = io.runnel.client.consumer.internal.Assignors.create(List.of("range", "cooperative-sticky"));
        var cooperative = io.runnel.client.consumer.internal.Assignors.create(List.of("cooperative-sticky"));

        assertThat(io.runnel.client.consumer.internal.Assignors.protocol(eager))
                .isEqualTo(ConsumerPartitionAssignor.RebalanceProtocol.EAGER);
        assertThat(io.runnel.client.consumer.internal.Assignors.protocol(cooperative))
                .isEqualTo(ConsumerPartitionAssignor.RebalanceProtocol.COOPERATIVE);
    }
}
