package io.runnel.client.admin;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One config of a resource, as Kafka's {@code ConfigEntry}. Immutable.
 *
 * @param name the key
 * @param value the value, or null (sensitive, or unset)
 * @param source where the value comes from
 * @param isSensitive whether the value is hidden
 * @param isReadOnly whether it cannot be altered
 * @param synonyms the other sources of this key's value, by precedence (only when asked for)
 * @param type the value type
 * @param documentation the key's documentation, or null when not asked for
 */
public record ConfigEntry(
        String name,
        @Nullable String value,
        ConfigSource source,
        boolean isSensitive,
        boolean isReadOnly,
        List<ConfigSynonym> synonyms,
        ConfigType type,
        @Nullable String documentation) {
    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(type, "type");
    }

    /** An entry to alter: a key and its new value. */
    public ConfigEntry(String name, @Nullable String value) {
        this(name, value, ConfigSource.UNKNOWN, false, false, List.of(), ConfigType.UNKNOWN, null);
    }

    /** Where a value comes from, with Kafka's ids. */
    public enum ConfigSource {
        UNKNOWN((byte) 0),
        DYNAMIC_TOPIC_CONFIG((byte) 1),
        DYNAMIC_BROKER_CONFIG((byte) 2),
        DYNAMIC_DEFAULT_BROKER_CONFIG((byte) 3),
        STATIC_BROKER_CONFIG((byte) 4),
        DEFAULT_CONFIG((byte) 5),
        DYNAMIC_BROKER_LOGGER_CONFIG((byte) 6),
        CLIENT_METRICS_CONFIG((byte) 7),
        GROUP_CONFIG((byte) 8);

        private final byte id;

        ConfigSource(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        public static ConfigSource forId(byte id) {
            for (ConfigSource source : values()) {
                if (source.id == id) {
                    return source;
                }
            }
            return UNKNOWN;
        }
    }

    /** Value types, with Kafka's ids. */
    public enum ConfigType {
        UNKNOWN,
        BOOLEAN,
        STRING,
        INT,
        SHORT,
        LONG,
        DOUBLE,
        LIST,
        CLASS,
        PASSWORD;

        public static ConfigType forId(byte id) {
            return id >= 0 && id < values().length ? values()[id] : UNKNOWN;
        }
    }

    /**
     * Another source of a key's value.
     *
     * @param name the key at that source (for example the broker default {@code log.retention.ms})
     * @param value the value there
     * @param source the source
     */
    public record ConfigSynonym(String name, @Nullable String value, ConfigSource source) {}
}
