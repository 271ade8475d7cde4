package io.runnel.state.internal.typed;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The value format of timestamped stores, Kafka's: {@code [timestamp: 8 bytes big-endian][value bytes]}.
 */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    private final Serializer<ValueAndTimestamp<V>> serializer;
    private final Deserializer<ValueAndTimestamp<V>> deserializer;

    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        Serializer<V> values = valueSerde.serializer();
        Deserializer<V> valueReader = valueSerde.deserializer();
        this.serializer = (topic, vt) -> {
            if (vt == null) {
                return null;
            }
            byte[] value = values.serialize(topic, vt.value());
            if (value == null) {
                throw new SerializationException("the value serializer for " + topic + " returned null");
            }
            return ByteBuffer.allocate(Long.BYTES + value.length)
                    .putLong(vt.timestamp())
                    .put(value)
                    .array();
        };
        this.deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < Long.BYTES) {
                throw new SerializationException("a timestamped value needs at least 8 bytes but has " + bytes.length);
            }
            long timestamp = ByteBuffer.wrap(bytes).getLong();
            V value = valueReader.deserialize(topic, Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
            if (value == null) {
                throw new SerializationException("the value deserializer for " + topic + " returned null");
            }
            return new ValueAndTimestamp<>(value, timestamp);
        };
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        return deserializer;
    }
}
