package io.runnel.common.serialization;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;

/** Factories for the built-in serdes, as Kafka's {@code Serdes}. */
public final class Serdes {
    private Serdes() {}

    /** A serde made of the two halves given. */
    public static <T> Serde<T> serdeFrom(Serializer<T> serializer, Deserializer<T> deserializer) {
        return new WrapperSerde<>(serializer, deserializer);
    }

    public static Serde<String> String() {
        return serdeFrom(new StringSerializer(), new StringDeserializer());
    }

    public static Serde<byte[]> ByteArray() {
        return serdeFrom(new ByteArraySerializer(), new ByteArrayDeserializer());
    }

    public static Serde<ByteBuffer> ByteBuffer() {
        return serdeFrom(new ByteBufferSerializer(), new ByteBufferDeserializer());
    }

    public static Serde<Integer> Integer() {
        return serdeFrom(new IntegerSerializer(), new IntegerDeserializer());
    }

    public static Serde<Long> Long() {
        return serdeFrom(new LongSerializer(), new LongDeserializer());
    }

    public static Serde<Double> Double() {
        return serdeFrom(new DoubleSerializer(), new DoubleDeserializer());
    }

    public static Serde<UUID> UUID() {
        return serdeFrom(new UUIDSerializer(), new UUIDDeserializer());
    }

    public static Serde<Void> Void() {
        return serdeFrom(new VoidSerializer(), new VoidDeserializer());
    }

    /** A serde of two given halves. */
    public static class WrapperSerde<T> implements Serde<T> {
        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        public WrapperSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        }

        @Override
        public Serializer<T> serializer() {
            return serializer;
        }

        @Override
        public Deserializer<T> deserializer() {
            return deserializer;
        }
    }
}
