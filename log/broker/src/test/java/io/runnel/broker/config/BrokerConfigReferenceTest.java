package io.runnel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.group.GroupCoordinatorConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManagerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docs/reference/broker-configs.md}, every key a broker accepts with its default, is generated from the
 * definition tables ({@link BrokerConfig#DEFINITION}, {@link BrokerConfig#LOG_DEFAULTS} with {@link
 * LogConfig#DEFINITION}'s defaults, {@link NetworkConfig#DEFINITION}, {@link LogManagerConfig#DEFINITION}, {@link
 * GroupCoordinatorConfig#DEFINITION}) and must match them. After changing a key, regenerate with {@code mvn -pl
 * log/broker -am test -Dtest=BrokerConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drunnel.updateDocs=true}.
 */
@Timeout(30)
class BrokerConfigReferenceTest {
    private static final Path FILE = Path.of("..", "..", "docs", "reference", "broker-configs.md");

    @Test
    void shouldListEveryBrokerKeyWithItsDefaultWhenDocumented() throws IOException {
        String expected = "# Broker configuration\n\n"
                + "Every key `runnel broker -c FILE -o KEY=VALUE` (and `BrokerConfig.load`) accepts, with its default;"
                + " generated from the definition tables. An unknown key or a bad value stops the broker with exit"
                + " code 2, naming the key as written and its line in the file. See [the broker](../broker.md).\n\n"
                + "## Broker\n\n" + BrokerConfig.DEFINITION.toMarkdown()
                + "\n## Topic defaults (`log.*`)\n\n"
                + "Each sets the default of a [topic key](topic-configs.md), as in Kafka; a topic's own setting wins.\n\n"
                + logDefaults()
                + "\n## Listener bounds\n\n" + NetworkConfig.DEFINITION.toMarkdown()
                + "\n## Log manager\n\n" + LogManagerConfig.DEFINITION.toMarkdown()
                + "\n## Group coordinator\n\n" + GroupCoordinatorConfig.DEFINITION.toMarkdown();
        if (Boolean.getBoolean("runnel.updateDocs")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }

        assertThat(FILE).as("regenerate with -Drunnel.updateDocs=true").exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static String logDefaults() {
        StringBuilder out = new StringBuilder("| Key | Topic key | Default |\n|---|---|---|\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(BrokerConfig.LOG_DEFAULTS).entrySet()) {
            ConfigDefinition.Key topicKey = LogConfig.DEFINITION.keys().get(entry.getValue());
            out.append("| `")
                    .append(entry.getKey())
                    .append("` | `")
                    .append(entry.getValue())
                    .append("` | `")
                    .append(topicKey == null ? "" : defaultText(topicKey.defaultValue()))
                    .append("` |\n");
        }
        return out.toString();
    }

    private static String defaultText(Object value) {
        return value instanceof java.util.List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
