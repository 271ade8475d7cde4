package io.runnel.client.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.common.serialization.Serdes;

/**
 * JSON through Jackson, for user types.
 *
 * @param <T> the type
 */
public final class JsonSerde<T> extends Serdes.WrapperSerde<T> {
    /** With a default {@code ObjectMapper}. */
    public JsonSerde(Class<T> type) {
        this(new ObjectMapper(), type);
    }

    /** With the caller's mapper, shared by both halves. */
    public JsonSerde(ObjectMapper mapper, Class<T> type) {
        super(new JsonSerializer<>(mapper), new JsonDeserializer<>(mapper, type));
    }
}
