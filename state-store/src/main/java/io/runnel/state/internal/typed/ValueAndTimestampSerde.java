package io.runnel.state.internal.typed;

import io.runnel.state.Deserializer;
import io.runnel.state.Serde;
import io.runnel.state.Serializer;
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
        this.serializer = vt -> {
            byte[] value = values.serialize(vt.value());
            return ByteBuffer.allocate(Long.BYTES + value.length)
                    .putLong(vt.timestamp())
                    .put(value)
                    .array();
        };
        this.deserializer = bytes -> {
            if (bytes.length < Long.BYTES) {
                throw new IllegalArgumentException(
                        "a timestamped value needs at least 8 bytes but has " + bytes.length);
            }
            long timestamp = ByteBuffer.wrap(bytes).getLong();
            return new ValueAndTimestamp<>(
                    valueReader.deserialize(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length)), timestamp);
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
