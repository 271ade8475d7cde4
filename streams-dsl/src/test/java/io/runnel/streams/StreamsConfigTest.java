package io.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.serialization.Serdes;
import io.runnel.streams.errors.LogAndContinueExceptionHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamsConfigTest {

    private static Properties props(Object... keysAndValues) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    @Test
    void shouldUseKafkaDefaultsWhenOnlyApplicationIdIsSet() {
        StreamsConfig config = new StreamsConfig(props());

        assertThat(config.applicationId()).isEqualTo("app");
        assertThat(config.execution().bootstrapServers()).isNull();
        assertThat(config.execution().numStreamThreads()).isEqualTo(1);
        assertThat(config.execution().commitInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.execution().replicationFactor()).isEqualTo(-1);
        assertThat(config.cacheMaxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.stateDir()).isNull();
        assertThat(config.defaultKeySerde()).isNull();
    }

    @Test
    void shouldParseTypedValuesAndClassesWhenGivenAsKafkaAccepts() {
        StreamsConfig config = new StreamsConfig(props(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:9092",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                100L,
                StreamsConfig.STATE_DIR_CONFIG,
                "/tmp/x",
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
                Serdes.String().getClass(),
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                Serdes.LongSerde.class.getName(),
                StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class));

        assertThat(config.execution().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.execution().numStreamThreads()).isEqualTo(2);
        assertThat(config.execution().commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.defaultKeySerde()).isInstanceOf(Serdes.StringSerde.class);
        assertThat(config.defaultValueSerde()).isInstanceOf(Serdes.LongSerde.class);
        assertThat(config.deserializationExceptionHandler()).isInstanceOf(LogAndContinueExceptionHandler.class);
    }

    @Test
    void shouldRefuseExactlyOnceWhenRequested() {
        Properties p = props(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        assertThatThrownBy(() -> new StreamsConfig(p))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("exactly_once_v2")
                .hasMessageContaining("at_least_once");
    }

    @Test
    void shouldRefuseUnknownGuaranteeWhenMisspelled() {
        assertThatThrownBy(() -> new StreamsConfig(props(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "twice")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("processing.guarantee");
    }

    @Test
    void shouldRefuseMissingApplicationIdWhenParsing() {
        assertThatThrownBy(() -> new StreamsConfig(new Properties()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("application.id");
    }

    @Test
    void shouldNameKeyWhenNumberIsMalformed() {
        assertThatThrownBy(() -> new StreamsConfig(props(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "two")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("num.stream.threads");
    }

    @Test
    void shouldNameClassWhenSerdeCannotBeCreated() {
        assertThatThrownBy(() -> new StreamsConfig(props(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "no.Such")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("default.key.serde")
                .hasMessageContaining("no.Such");
    }

    @Test
    void shouldPassPrefixedSettingsToClientsAndIgnoreUnknownKeysWhenParsing() {
        StreamsConfig config = new StreamsConfig(props(
                "consumer.fetch.max.wait.ms", "50",
                "main.consumer.fetch.max.wait.ms", "10",
                "producer.linger.ms", 5,
                "no.such.key", "x"));

        assertThat(config.execution().clientConfigs("consumer.", "main.consumer."))
                .containsExactlyEntriesOf(Map.of("fetch.max.wait.ms", "10"));
        assertThat(config.execution().clientConfigs("consumer.", "restore.consumer."))
                .containsExactlyEntriesOf(Map.of("fetch.max.wait.ms", "50"));
        assertThat(config.execution().clientConfigs("producer.", null))
                .containsExactlyEntriesOf(Map.of("linger.ms", "5"));
    }

    @Test
    void shouldMatchTheConfigReferenceWhenDocumented() throws IOException {
        Path file = Path.of("..", "docs", "reference", "streams-configs.md");
        String expected = "# Streams configuration\n\n"
                + "The keys `new StreamsConfig(properties)` reads, with Kafka Streams' names and defaults. Keys"
                + " starting with `producer.`, `consumer.`, `main.consumer.`, `restore.consumer.` or `admin.` go to"
                + " the clients without the prefix; other keys are logged once and ignored.\n\n"
                + StreamsConfig.DEFINITION.toMarkdown();
        if (Boolean.getBoolean("runnel.updateDocs")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }

        assertThat(file).as("regenerate with -Drunnel.updateDocs=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
