package io.runnel.common.serialization;

import io.runnel.common.utils.Bytes;
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
        return new StringSerde();
    }

    public static Serde<byte[]> ByteArray() {
        return new ByteArraySerde();
    }

    public static Serde<Bytes> Bytes() {
        return new BytesSerde();
    }

    public static Serde<ByteBuffer> ByteBuffer() {
        return new ByteBufferSerde();
    }

    public static Serde<Integer> Integer() {
        return new IntegerSerde();
    }

    public static Serde<Long> Long() {
        return new LongSerde();
    }

    public static Serde<Double> Double() {
        return new DoubleSerde();
    }

    public static Serde<UUID> UUID() {
        return new UUIDSerde();
    }

    public static Serde<Void> Void() {
        return new VoidSerde();
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

    /** The String serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.String().getClass()}). */
    public static final class StringSerde extends WrapperSerde<String> {
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    /** The byte[] serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.ByteArray().getClass()}). */
    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    /** The Bytes serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.Bytes().getClass()}). */
    public static final class BytesSerde extends WrapperSerde<Bytes> {
        public BytesSerde() {
            super(new BytesSerializer(), new BytesDeserializer());
        }
    }

    /** The ByteBuffer serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.ByteBuffer().getClass()}). */
    public static final class ByteBufferSerde extends WrapperSerde<ByteBuffer> {
        public ByteBufferSerde() {
            super(new ByteBufferSerializer(), new ByteBufferDeserializer());
        }
    }

    /** The Integer serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.Integer().getClass()}). */
    public static final class IntegerSerde extends WrapperSerde<Integer> {
        public IntegerSerde() {
            super(new IntegerSerializer(), new IntegerDeserializer());
        }
    }

    /** The Long serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.Long().getClass()}). */
    public static final class LongSerde extends WrapperSerde<Long> {
        public LongSerde() {
            super(new LongSerializer(), new LongDeserializer());
        }
    }

    /** The Double serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.Double().getClass()}). */
    public static final class DoubleSerde extends WrapperSerde<Double> {
        public DoubleSerde() {
            super(new DoubleSerializer(), new DoubleDeserializer());
        }
    }

    /** The UUID serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.UUID().getClass()}). */
    public static final class UUIDSerde extends WrapperSerde<UUID> {
        public UUIDSerde() {
            super(new UUIDSerializer(), new UUIDDeserializer());
        }
    }

    /** The Void serde as a class with a no-arg constructor, so that configs can name it ({@code Serdes.Void().getClass()}). */
    public static final class VoidSerde extends WrapperSerde<Void> {
        public VoidSerde() {
            super(new VoidSerializer(), new VoidDeserializer());
        }
    }
}
