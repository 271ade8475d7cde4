package io.runnel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.config.TopicConfigChange.Op;
import io.runnel.broker.config.TopicConfigChange.OpType;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.storage.LogConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TopicConfigChangeTest {
    private static final LogConfig DEFAULTS = LogConfig.defaults();
    private static final Map<String, String> CURRENT = Map.of("retention.ms", "1000", "segment.bytes", "4096");

    static Map<String, String> incremental(Map<String, String> current, Op... ops) {
        return TopicConfigChange.incremental(List.of(ops)).applyTo(current, DEFAULTS);
    }

    @Test
    void shouldSetAndDeleteKeysAndKeepTheOthersWhenIncremental() {
        Map<String, String> updated = incremental(
                CURRENT,
                new Op("max.message.bytes", OpType.SET, "2048"),
                new Op("retention.ms", OpType.DELETE, null),
                new Op("flush.ms", OpType.DELETE, null));

        assertThat(updated).containsOnly(Map.entry("segment.bytes", "4096"), Map.entry("max.message.bytes", "2048"));
    }

    @Test
    void shouldAppendToTheBrokerDefaultWhenTheTopicHasNoOverride() {
        Map<String, String> updated = incremental(Map.of(), new Op("cleanup.policy", OpType.APPEND, "compact"));

        assertThat(updated).containsEntry("cleanup.policy", "delete,compact");
    }

    @Test
    void shouldAppendToABrokerDefaultThatTheBrokerSetWhenTheTopicHasNoOverride() {
        LogConfig compactingBroker = LogConfig.fromMap(Map.of("cleanup.policy", "compact"));

        Map<String, String> updated = TopicConfigChange.incremental(
                        List.of(new Op("cleanup.policy", OpType.APPEND, "delete")))
                .applyTo(Map.of(), compactingBroker);

        assertThat(updated).containsEntry("cleanup.policy", "compact,delete");
    }

    @Test
    void shouldNotRepeatAValueWhenAppendingOneAlreadyPresent() {
        Map<String, String> updated = incremental(
                Map.of("cleanup.policy", "compact,delete"), new Op("cleanup.policy", OpType.APPEND, "delete"));

        assertThat(updated).containsEntry("cleanup.policy", "compact,delete");
    }

    @Test
    void shouldRemoveAValueWhenSubtracting() {
        Map<String, String> updated = incremental(
                Map.of("cleanup.policy", "compact,delete"), new Op("cleanup.policy", OpType.SUBTRACT, "delete"));

        assertThat(updated).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldRefuseSubtractingTheLastPolicy() {
        assertThatThrownBy(() -> incremental(
                        Map.of("cleanup.policy", "compact"), new Op("cleanup.policy", OpType.SUBTRACT, "compact")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cleanup.policy");
    }

    @Test
    void shouldRefuseAppendWhenTheKeyIsNotAList() {
        assertThatThrownBy(() -> incremental(CURRENT, new Op("retention.ms", OpType.APPEND, "5")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("APPEND is only allowed for list configs; 'retention.ms' is a long");
        assertThatThrownBy(() -> incremental(CURRENT, new Op("segment.bytes", OpType.SUBTRACT, "5")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'segment.bytes'");
    }

    @Test
    void shouldNameTheKeyWhenItIsUnknown() {
        assertThatThrownBy(() -> incremental(CURRENT, new Op("retention.mss", OpType.SET, "5")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown topic config 'retention.mss'");
    }

    @Test
    void shouldNameTheKeyWhenAValueIsBad() {
        assertThatThrownBy(() -> incremental(CURRENT, new Op("segment.bytes", OpType.SET, "10")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid value '10' for configuration 'segment.bytes': must be >= 256");
        assertThatThrownBy(() -> incremental(CURRENT, new Op("retention.ms", OpType.SET, "a week")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'retention.ms'");
        assertThatThrownBy(() -> incremental(CURRENT, new Op("retention.ms", OpType.SET, null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("null value for topic config 'retention.ms'");
    }

    @Test
    void shouldRefuseTheWholeChangeWhenOneEntryIsBad() {
        TopicConfigChange change = TopicConfigChange.incremental(
                List.of(new Op("retention.ms", OpType.SET, "5000"), new Op("max.message.bytes", OpType.SET, "-5")));

        assertThatThrownBy(() -> change.applyTo(CURRENT, DEFAULTS))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max.message.bytes");
    }

    @Test
    void shouldRefuseAKeyNamedTwiceAsAnInvalidRequest() {
        assertThatThrownBy(() -> TopicConfigChange.incremental(
                        List.of(new Op("retention.ms", OpType.SET, "1"), new Op("retention.ms", OpType.DELETE, null))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("retention.ms");
    }

    @Test
    void shouldRefuseAnUnknownOperationId() {
        assertThat(OpType.forId((byte) 2)).isEqualTo(OpType.APPEND);
        assertThatThrownBy(() -> OpType.forId((byte) 9))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("unknown config operation 9");
    }

    @Test
    void shouldReplaceEveryOverrideWhenReplacing() {
        Map<String, String> updated = TopicConfigChange.replacing(
                        List.of(new Op("cleanup.policy", OpType.SET, "compact")))
                .applyTo(CURRENT, DEFAULTS);

        assertThat(updated).containsExactly(Map.entry("cleanup.policy", "compact"));
    }

    @Test
    void shouldRemoveEveryOverrideWhenReplacingWithNothing() {
        assertThat(TopicConfigChange.replacing(List.of()).applyTo(CURRENT, DEFAULTS))
                .isEmpty();
    }
}
