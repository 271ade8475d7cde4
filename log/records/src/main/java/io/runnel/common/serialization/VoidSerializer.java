package io.runnel.common.serialization;

import org.jspecify.annotations.Nullable;

/** Only null: for topics without keys or values. Thread-safe. */
public final class VoidSerializer implements Serializer<Void> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Void data) {
        return null;
    }
}
