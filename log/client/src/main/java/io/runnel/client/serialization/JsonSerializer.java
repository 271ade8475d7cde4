package io.runnel.client.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Serializer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Any Jackson-serializable object as UTF-8 JSON. Null stays null (a tombstone), not the text {@code null}.
 * Thread-safe (Jackson's {@code ObjectMapper} is, once configured).
 *
 * @param <T> the type serialized
 */
public final class JsonSerializer<T> implements Serializer<T> {
    private final ObjectMapper mapper;

    /** With a default {@code ObjectMapper}. */
    public JsonSerializer() {
        this(new ObjectMapper());
    }

    /** With the caller's mapper, which the caller must not reconfigure while this serializer is in use. */
    public JsonSerializer(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    "cannot write a " + data.getClass().getName() + " as JSON for topic " + topic + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }
}
