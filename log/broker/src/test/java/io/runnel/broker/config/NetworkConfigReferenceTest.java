package io.runnel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docs/reference/broker-network-configs.md} is generated from {@link NetworkConfig#DEFINITION} and must match
 * it. After changing a key, regenerate with {@code mvn -pl log/broker -am test -Dtest=NetworkConfigReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Drunnel.updateDocs=true}.
 */
@Timeout(30)
class NetworkConfigReferenceTest {
    private static final Path FILE = Path.of("..", "..", "docs", "reference", "broker-network-configs.md");

    @Test
    void shouldMatchTheNetworkConfigTableWhenDocumented() throws IOException {
        String expected = "# Broker network configuration\n\n"
                + "How much a broker's clients can make it hold, and for how long; see [the broker](../broker.md)"
                + " for how the bounds work. Kafka's key names, except `queued.max.request.bytes.per.connection` and"
                + " `socket.request.read.timeout.ms`, which Kafka does not have. Runnel bounds"
                + " `queued.max.request.bytes` by default (Kafka's default, -1, is unbounded).\n\n"
                + NetworkConfig.DEFINITION.toMarkdown();
        if (Boolean.getBoolean("runnel.updateDocs")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }

        assertThat(FILE).as("regenerate with -Drunnel.updateDocs=true").exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
