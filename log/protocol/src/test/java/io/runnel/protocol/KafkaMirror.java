package io.runnel.protocol;

import io.runnel.protocol.message.Message;
import io.runnel.records.MemoryRecords;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.jspecify.annotations.Nullable;

/**
 * Apache Kafka's own message classes as the oracle: converts our generated records to Kafka's {@code *Data} classes
 * and back, field by field through the setters and getters Kafka generates (same names, since both follow the same
 * schema), and serializes and parses with Kafka's code.
 */
final class KafkaMirror {
    private static final String KAFKA_PACKAGE = "org.apache.kafka.common.message.";

    private KafkaMirror() {}

    /** Kafka's class for one of our top-level messages: {@code MetadataRequest} → {@code MetadataRequestData}. */
    static Class<?> kafkaClass(Class<?> ours) {
        try {
            if (ours.getEnclosingClass() == null) {
                return Class.forName(KAFKA_PACKAGE + ours.getSimpleName() + "Data");
            }
            return Class.forName(
                    KAFKA_PACKAGE + ours.getEnclosingClass().getSimpleName() + "Data$" + ours.getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no Kafka class for " + ours, e);
        }
    }

    /** Kafka's equivalent of one of our records, built through Kafka's setters. */
    static ApiMessage toKafka(Message ours) {
        return (ApiMessage) toKafkaRecord(ours);
    }

    /** Kafka's encoding of {@code message} at {@code version}. */
    static ByteBuffer serialize(org.apache.kafka.common.protocol.Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = message.size(cache, version);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        message.write(new ByteBufferAccessor(buffer), cache, version);
        if (buffer.hasRemaining()) {
            throw new AssertionError("Kafka wrote " + buffer.position() + " bytes but announced " + size);
        }
        return buffer.flip();
    }

    /** Kafka's parse of {@code bytes} as {@code kafkaType} at {@code version}; the whole buffer must be consumed. */
    static ApiMessage parse(Class<?> kafkaType, ByteBuffer bytes, short version) {
        try {
            ByteBuffer input = bytes.duplicate();
            Object parsed = kafkaType
                    .getConstructor(org.apache.kafka.common.protocol.Readable.class, short.class)
                    .newInstance(new ByteBufferAccessor(input), version);
            if (input.hasRemaining()) {
                throw new AssertionError("Kafka left " + input.remaining() + " bytes unread");
            }
            return (ApiMessage) parsed;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Kafka cannot parse " + kafkaType.getSimpleName(), e);
        }
    }

    /** Our record built from Kafka's message through Kafka's getters. */
    static <T> T fromKafka(Object kafka, Class<T> ours) {
        return ours.cast(fromKafkaRecord(kafka, ours));
    }

    private static Object toKafkaRecord(Object ours) {
        Class<?> kafkaType = kafkaClass(ours.getClass());
        try {
            Object kafka = kafkaType.getConstructor().newInstance();
            for (RecordComponent c : ours.getClass().getRecordComponents()) {
                Method setter = setter(kafkaType, c.getName());
                Object value = c.getAccessor().invoke(ours);
                setter.invoke(kafka, toKafkaValue(value, setter.getGenericParameterTypes()[0]));
            }
            return kafka;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot convert " + ours.getClass() + " to " + kafkaType, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object toKafkaValue(@Nullable Object value, Type kafkaType)
            throws ReflectiveOperationException {
        if (value == null) {
            return null;
        }
        if (value instanceof UUID uuid) {
            return new Uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] array = new byte[copy.remaining()];
            copy.get(array);
            return kafkaType == ByteBuffer.class ? ByteBuffer.wrap(array) : array;
        }
        if (value instanceof MemoryRecords records) {
            return org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(
                    ByteBuffer.wrap(bytes(records)));
        }
        if (value instanceof List<?> list) {
            Collection<Object> out;
            if (kafkaType instanceof ParameterizedType) {
                out = new ArrayList<>();
            } else {
                out = (Collection<Object>)
                        ((Class<?>) kafkaType).getConstructor().newInstance();
            }
            for (Object item : list) {
                out.add(item.getClass().isRecord() ? toKafkaRecord(item) : toKafkaValue(item, Object.class));
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            return toKafkaRecord(value);
        }
        return value;
    }

    private static Object fromKafkaRecord(Object kafka, Class<?> ours) {
        RecordComponent[] components = ours.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                Object value = kafka.getClass().getMethod(c.getName()).invoke(kafka);
                args[i] = fromKafkaValue(value, c.getGenericType());
                types[i] = c.getType();
            }
            return ours.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot convert " + kafka.getClass() + " to " + ours, e);
        }
    }

    private static @Nullable Object fromKafkaValue(@Nullable Object value, Type ours) {
        if (value == null) {
            return null;
        }
        if (value instanceof Uuid uuid) {
            return new UUID(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
        }
        if (value instanceof byte[] array) {
            return ByteBuffer.wrap(array).asReadOnlyBuffer();
        }
        if (value instanceof BaseRecords records) {
            org.apache.kafka.common.record.internal.MemoryRecords memory =
                    (org.apache.kafka.common.record.internal.MemoryRecords) records;
            return MemoryRecords.wrap(memory.buffer());
        }
        if (value instanceof Collection<?> collection && ours instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (Object item : collection) {
                out.add(fromKafkaValue(item, element));
            }
            return out;
        }
        if (ours instanceof Class<?> c && c.isRecord()) {
            return fromKafkaRecord(value, c);
        }
        return value;
    }

    private static byte[] bytes(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static Method setter(Class<?> kafkaType, String component) {
        String name = "set" + Character.toUpperCase(component.charAt(0)) + component.substring(1);
        for (Method m : kafkaType.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new AssertionError(kafkaType.getName() + " has no " + name);
    }
}
