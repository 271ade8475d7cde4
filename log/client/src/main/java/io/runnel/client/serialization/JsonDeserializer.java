package io.runnel.client.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Deserializer;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * UTF-8 JSON into a {@code type} through Jackson. Null data gives null. Thread-safe.
 *
 * @param <T> the type read
 */
public final class JsonDeserializer<T> implements Deserializer<T> {
    private final ObjectMapper mapper;
    private final Class<T> type;

    /** With a default {@code ObjectMapper}. */
    public JsonDeserializer(Class<T> type) {
        this(new ObjectMapper(), type);
    }

    /** With the caller's mapper, which the caller must not reconfigure while this deserializer is in use. */
    public JsonDeserializer(ObjectMapper mapper, Class<T> type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException(
                    "cannot read JSON as a " + type.getName() + " from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
