package io.runnel.common.serialization;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The UUID's 36-character string form in UTF-8, as Kafka's. Thread-safe. */
public final class UUIDSerializer implements Serializer<UUID> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable UUID data) {
        return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    }
}
