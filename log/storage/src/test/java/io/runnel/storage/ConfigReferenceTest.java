package io.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configuration reference in {@code docs/reference/} is generated from the definition tables and must match
 * them. After changing a key, regenerate with {@code mvn -pl log/storage test -Dtest=ConfigReferenceTest
 * -Drunnel.updateDocs=true}.
 */
@Timeout(30)
class ConfigReferenceTest {
    private static final Path DOCS = Path.of("..", "..", "docs", "reference");

    @Test
    void shouldMatchTheTopicConfigTableWhenDocumented() throws IOException {
        check(
                "topic-configs.md",
                "# Topic (log) configuration\n\n"
                        + "Per-topic settings, with Apache Kafka's key names and defaults. Set them at topic creation or with"
                        + " AlterConfigs.\n\n" + LogConfig.DEFINITION.toMarkdown());
    }

    @Test
    void shouldMatchTheLogManagerConfigTableWhenDocumented() throws IOException {
        check(
                "log-manager-configs.md",
                "# Broker log-manager configuration\n\n"
                        + "Broker-level settings of the log manager, with Apache Kafka's key names.\n\n"
                        + LogManagerConfig.DEFINITION.toMarkdown());
    }

    private static void check(String name, String expected) throws IOException {
        Path file = DOCS.resolve(name);
        if (Boolean.getBoolean("runnel.updateDocs")) {
            Files.createDirectories(DOCS);
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(file).as("regenerate with -Drunnel.updateDocs=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
