package io.runnel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class BrokerConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldUseKafkasDefaultsWhenNothingIsSet() {
        BrokerConfig config = BrokerConfig.fromMap(Map.of());

        assertThat(config.listener()).isEqualTo(new BrokerConfig.Listener("PLAINTEXT", "127.0.0.1", 9092));
        assertThat(config.advertised()).isEqualTo(config.listener());
        assertThat(config.zooKeeperConnect()).isNull();
        assertThat(config.socketRequestMaxBytes()).isEqualTo(100 * 1024 * 1024);
        assertThat(config.logManager().defaultLogConfig().segmentBytes()).isEqualTo(1 << 30);
    }

    @Test
    void shouldApplyOverridesOverTheFileWhenLoading() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(
                file, "broker.id=3\nlog.dirs=" + dir.resolve("logs") + "\nlog.retention.ms=1000\nnum.io.threads=2\n");

        BrokerConfig config = BrokerConfig.load(file, Map.of("num.io.threads", "4", "log.segment.bytes", "4096"));

        assertThat(config.brokerId()).isEqualTo(3);
        assertThat(config.ioThreads()).isEqualTo(4);
        assertThat(config.logManager().logDirs()).containsExactly(dir.resolve("logs"));
        assertThat(config.logManager().defaultLogConfig().retention()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.logManager().defaultLogConfig().segmentBytes()).isEqualTo(4096);
    }

    @Test
    void shouldNameTheKeyWhenAValueIsBad() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("num.io.threads", "many")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid value 'many' for configuration 'num.io.threads': must be an integer");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("listeners", "127.0.0.1:9092")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("expected NAME://host:port");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("log.segment.bytes", "-1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.bytes");
    }

    @Test
    void shouldAcceptTheProducerIdExpirationKeysWithKafkasDefaults() {
        BrokerConfig defaults = BrokerConfig.fromMap(Map.of());
        BrokerConfig set = BrokerConfig.fromMap(
                Map.of("producer.id.expiration.ms", "60000", "producer.id.expiration.check.interval.ms", "1000"));

        assertThat(defaults.logManager().producerIdExpiration().after()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.logManager().producerIdExpiration().checkInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(set.logManager().producerIdExpiration().after()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.logManager().producerIdExpiration().checkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new ConfigCatalog(set).describeBroker())
                .filteredOn(entry -> entry.name().equals("producer.id.expiration.ms"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.value()).isEqualTo("60000"));
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("producer.id.expiration.check.interval.ms", "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("producer.id.expiration.check.interval.ms");
    }

    @Test
    void shouldBoundTheListenerWhenNoNetworkKeyIsSet() {
        NetworkConfig network = BrokerConfig.fromMap(Map.of()).network();

        assertThat(network.maxRequestBytes()).isEqualTo(100 * 1024 * 1024);
        assertThat(network.queuedMaxRequestBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(network.queuedMaxRequestBytesPerConnection()).isEqualTo(16L * 1024 * 1024);
        assertThat(network.connectionsMaxIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(network.requestReadTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadTheNetworkKeysWhenSet() {
        NetworkConfig network = BrokerConfig.fromMap(Map.of(
                        "queued.max.request.bytes", "-1",
                        "queued.max.request.bytes.per.connection", "4096",
                        "connections.max.idle.ms", "1000",
                        "socket.request.read.timeout.ms", "500"))
                .network();

        assertThat(network.queuedMaxRequestBytes()).as("-1 is unbounded").isEqualTo(Long.MAX_VALUE);
        assertThat(network.queuedMaxRequestBytesPerConnection()).isEqualTo(4096);
        assertThat(network.connectionsMaxIdle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(network.requestReadTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRefuseAQueueBoundWhenTheLargestRequestCouldNotFit() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(
                        Map.of("socket.request.max.bytes", "2048", "queued.max.request.bytes", "2047")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("queued.max.request.bytes 2047")
                .hasMessageContaining("socket.request.max.bytes 2048");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("queued.max.request.bytes", "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("queued.max.request.bytes");
    }

    @Test
    void shouldRejectUnknownKeys() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("num.io.thread", "4")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown configuration 'num.io.thread'");
    }

    @Test
    void shouldFailClearlyWhenTheFileIsMissing() {
        Path absent = dir.resolve("absent.properties");

        assertThatThrownBy(() -> BrokerConfig.load(absent, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("config file " + absent + " does not exist");
    }

    @Test
    void shouldNameTheFileAndLineWhenAnEscapeIsMalformed() throws Exception {
        Path file = dir.resolve("bad-escape.properties");
        Files.writeString(file, "# broker\nbroker.id=1\nlog.dirs=C:\\data\\uxyz\n");

        assertThatThrownBy(() -> BrokerConfig.load(file, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("config file " + file + " line 3: malformed \\uXXXX escape: log.dirs=");
    }

    @Test
    void shouldNameTheKeyAsWrittenAndItsLineWhenALogDefaultIsBad() throws Exception {
        Path file = dir.resolve("forever.properties");
        Files.writeString(file, "broker.id=1\nlog.retention.ms=forever\n");

        assertThatThrownBy(() -> BrokerConfig.load(file, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid value 'forever' for configuration 'log.retention.ms': must be an integer (" + file
                        + " line 2)");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("log.retention.ms", "forever")))
                .hasMessage("invalid value 'forever' for configuration 'log.retention.ms': must be an integer");
    }

    @Test
    void shouldLimitPartitionsPerRequestWithADefaultOfOneThousand() {
        assertThat(BrokerConfig.fromMap(Map.of()).maxPartitionsPerRequest()).isEqualTo(1000);
        assertThat(BrokerConfig.fromMap(Map.of("max.partitions.per.request", "50"))
                        .maxPartitionsPerRequest())
                .isEqualTo(50);

        assertThatThrownBy(
                        () -> BrokerConfig.fromMap(Map.of("max.partitions.per.request", "50", "num.partitions", "60")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("num.partitions (60) must not exceed max.partitions.per.request (50)");
    }
}
