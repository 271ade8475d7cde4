package io.runnel.streams;

import io.runnel.common.serialization.Serde;
import io.runnel.streams.errors.DeserializationExceptionHandler;
import io.runnel.streams.errors.LogAndFailExceptionHandler;
import io.runnel.streams.processor.FailOnInvalidTimestamp;
import io.runnel.streams.processor.TimestampExtractor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed, immutable configuration of a streams application. Build it with {@link #builder(String)}, or parse
 * Kafka-style keys with {@link #fromProperties(Properties)} (see {@link #KEYS} for the keys understood).
 *
 * @param applicationId {@code application.id}: names the consumer group and prefixes internal topics
 * @param defaultKeySerde {@code default.key.serde}: used where a source, sink or store names no key serde
 * @param defaultValueSerde {@code default.value.serde}
 * @param timestampExtractor {@code default.timestamp.extractor}
 * @param deserializationExceptionHandler {@code default.deserialization.exception.handler}
 * @param stateDir {@code state.dir}; null lets the runtime choose (the test driver uses a temporary directory)
 * @param cacheMaxBytes {@code statestore.cache.max.bytes}: the record cache budget of a thread
 */
public record StreamsConfig(
        String applicationId,
        @Nullable Serde<?> defaultKeySerde,
        @Nullable Serde<?> defaultValueSerde,
        TimestampExtractor timestampExtractor,
        DeserializationExceptionHandler deserializationExceptionHandler,
        @Nullable Path stateDir,
        long cacheMaxBytes) {
    private static final Logger log = LoggerFactory.getLogger(StreamsConfig.class);

    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
            "default.deserialization.exception.handler";
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";

    /** The keys {@link #fromProperties} understands, with how each sets the builder. */
    public static final Map<String, BiConsumer<Builder, String>> KEYS = Map.of(
            APPLICATION_ID_CONFIG, (b, v) -> b.applicationId = v,
            DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                    (b, v) -> b.timestampExtractor(instantiate(v, TimestampExtractor.class, "timestamp extractor")),
            DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    (b, v) -> b.deserializationExceptionHandler(
                            instantiate(v, DeserializationExceptionHandler.class, "deserialization exception handler")),
            STATE_DIR_CONFIG, (b, v) -> b.stateDir(Path.of(v)),
            STATESTORE_CACHE_MAX_BYTES_CONFIG,
                    (b, v) -> b.cacheMaxBytes(parseLong(STATESTORE_CACHE_MAX_BYTES_CONFIG, v)));

    public StreamsConfig {
        checkApplicationId(applicationId);
        Objects.requireNonNull(timestampExtractor, "timestampExtractor cannot be null");
        Objects.requireNonNull(deserializationExceptionHandler, "deserializationExceptionHandler cannot be null");
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes must be >= 0: " + cacheMaxBytes);
        }
    }

    public static Builder builder(String applicationId) {
        return new Builder(checkApplicationId(applicationId));
    }

    /**
     * Parses Kafka-style keys. Values are strings; extractor and handler values are class names with a public no-arg
     * constructor. Keys Runnel does not know are logged and ignored, as Kafka does.
     *
     * @throws IllegalArgumentException if {@code application.id} is missing or a value is malformed
     */
    public static StreamsConfig fromProperties(Properties properties) {
        Object id = properties.get(APPLICATION_ID_CONFIG);
        if (id == null) {
            throw new IllegalArgumentException("Missing required configuration " + APPLICATION_ID_CONFIG);
        }
        Builder b = new Builder(checkApplicationId(id.toString()));
        for (String key : properties.stringPropertyNames()) {
            BiConsumer<Builder, String> setter = KEYS.get(key);
            if (setter == null) {
                log.warn("Ignoring unknown streams configuration {}", key);
            } else {
                setter.accept(b, properties.getProperty(key));
            }
        }
        return b.build();
    }

    private static String checkApplicationId(String id) {
        Objects.requireNonNull(id, "applicationId cannot be null");
        if (id.isEmpty() || !id.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "application.id must be non-empty and use only [a-zA-Z0-9._-] (it prefixes topic names): '" + id
                            + "'");
        }
        return id;
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of bytes: '" + value + "'", e);
        }
    }

    private static <T> T instantiate(String className, Class<T> type, String what) {
        try {
            Class<?> c = Class.forName(className.trim());
            if (!type.isAssignableFrom(c)) {
                throw new IllegalArgumentException(
                        what + " class " + className + " does not implement " + type.getName());
            }
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                    "Cannot create the " + what + " " + className + " (it needs a public no-arg constructor)", e);
        }
    }

    /** Builds a {@link StreamsConfig}; not thread-safe. */
    public static final class Builder {
        private String applicationId;
        private @Nullable Serde<?> defaultKeySerde;
        private @Nullable Serde<?> defaultValueSerde;
        private TimestampExtractor timestampExtractor = new FailOnInvalidTimestamp();
        private DeserializationExceptionHandler deserializationExceptionHandler = new LogAndFailExceptionHandler();
        private @Nullable Path stateDir;
        private long cacheMaxBytes = 10L * 1024 * 1024;

        private Builder(String applicationId) {
            this.applicationId = applicationId;
        }

        public Builder defaultKeySerde(Serde<?> serde) {
            this.defaultKeySerde = Objects.requireNonNull(serde, "serde cannot be null");
            return this;
        }

        public Builder defaultValueSerde(Serde<?> serde) {
            this.defaultValueSerde = Objects.requireNonNull(serde, "serde cannot be null");
            return this;
        }

        public Builder timestampExtractor(TimestampExtractor extractor) {
            this.timestampExtractor = Objects.requireNonNull(extractor, "extractor cannot be null");
            return this;
        }

        public Builder deserializationExceptionHandler(DeserializationExceptionHandler handler) {
            this.deserializationExceptionHandler = Objects.requireNonNull(handler, "handler cannot be null");
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "dir cannot be null");
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder cacheMaxBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cacheMaxBytes must be >= 0: " + bytes);
            }
            this.cacheMaxBytes = bytes;
            return this;
        }

        public StreamsConfig build() {
            return new StreamsConfig(
                    applicationId,
                    defaultKeySerde,
                    defaultValueSerde,
                    timestampExtractor,
                    deserializationExceptionHandler,
                    stateDir,
                    cacheMaxBytes);
        }
    }
}
