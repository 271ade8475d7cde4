package io.runnel.client.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminConfigTest {
    @Test
    void shouldReadKafkaKeysFromProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", "a:9092, [::1]:9093");
        properties.put("client.id", "tool");
        properties.put("request.timeout.ms", 1234);
        properties.put("default.api.timeout.ms", "5000");

        AdminConfig config = AdminConfig.fromProperties(properties);

        assertThat(config.network().bootstrapServers())
                .containsExactly(
                        InetSocketAddress.createUnresolved("a", 9092), InetSocketAddress.createUnresolved("::1", 9093));
        assertThat(config.network().clientId()).isEqualTo("tool");
        assertThat(config.network().requestTimeout()).isEqualTo(Duration.ofMillis(1234));
        assertThat(config.defaultApiTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldIgnoreUnknownKeysWhenParsing() {
        AdminConfig config = AdminConfig.fromMap(Map.of("bootstrap.servers", "a:1", "no.such.key", "x"));

        assertThat(config.network().clientId()).startsWith("adminclient-");
    }

    @Test
    void shouldNameTheKeyWhenAValueHasTheWrongType() {
        assertThatThrownBy(() -> AdminConfig.fromMap(Map.of("bootstrap.servers", "a:1", "request.timeout.ms", "soon")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("request.timeout.ms")
                .hasMessageContaining("soon");
    }

    @Test
    void shouldRejectMissingOrMalformedBootstrapServers() {
        assertThatThrownBy(() -> AdminConfig.fromMap(Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> AdminConfig.fromMap(Map.of("bootstrap.servers", "host-without-port")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("host-without-port");
        assertThatThrownBy(() -> AdminConfig.fromMap(Map.of("bootstrap.servers", "h:70000")))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void shouldBuildTheSameConfigWithTheTypedBuilder() {
        AdminConfig config = AdminConfig.builder()
                .bootstrapServers("h:1", "g:2")
                .clientId("c")
                .defaultApiTimeout(Duration.ofSeconds(3))
                .build();

        assertThat(config.network().bootstrapServers()).hasSize(2);
        assertThat(config.defaultApiTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> AdminConfig.builder()
                        .bootstrapServers("h:1")
                        .requestTimeout(Duration.ZERO)
                        .build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("request.timeout.ms");
    }
}
