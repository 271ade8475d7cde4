package io.runnel.broker.config;

import io.runnel.common.config.ConfigDefinition;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One config key of a topic or of the broker as DescribeConfigs reports it. Immutable.
 *
 * @param name the key, with Kafka's name
 * @param value the effective value, as a string
 * @param source where the effective value comes from
 * @param readOnly whether it cannot be changed without a restart (every broker key: Runnel has no dynamic broker
 *     configs yet)
 * @param type the value type
 * @param documentation one sentence about the key
 * @param synonyms every level that defines the value, the effective one first, as Kafka lists them
 */
public record ConfigEntry(
        String name,
        @Nullable String value,
        Source source,
        boolean readOnly,
        ConfigDefinition.Type type,
        String documentation,
        List<Synonym> synonyms) {
    public ConfigEntry {
        synonyms = List.copyOf(synonyms);
    }

    /** Where a value comes from, with Kafka's ids ({@code DescribeConfigsResponse.ConfigSource}). */
    public enum Source {
        /** A topic-level override ({@code kafka-configs --alter --entity-type topics}). */
        DYNAMIC_TOPIC_CONFIG(1),
        /** Set in the broker's properties (file or {@code --override}). */
        STATIC_BROKER_CONFIG(4),
        /** Nobody set it: the built-in default. */
        DEFAULT_CONFIG(5);

        private final byte id;

        Source(int id) {
            this.id = (byte) id;
        }

        /** The id on the wire. */
        public byte id() {
            return id;
        }
    }

    /**
     * One level that defines a value.
     *
     * @param name the key at that level (a topic key, or the broker's {@code log.*} key it defaults from)
     * @param value the value at that level
     * @param source the level
     */
    public record Synonym(String name, @Nullable String value, Source source) {}
}
