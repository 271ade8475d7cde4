package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The UUID's 36-character string form in UTF-8, as Kafka's. Thread-safe. */
public final class UUIDDeserializer implements Deserializer<UUID> {
    @Override
    public @Nullable UUID deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("not a UUID: '" + text + "' (topic " + topic + ")", e);
        }
    }
}
