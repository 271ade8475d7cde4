package io.runnel.protocol;

import io.runnel.protocol.message.Message;
import io.runnel.records.MemoryRecords;
import io.runnel.records.Records;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Builds random message bodies by walking the generated records' components, so that every field of every message is
 * exercised without a hand-written builder per message. Values lean towards the edges: defaults (so tagged fields are
 * sometimes left out), -1, empty and null where allowed, and non-ASCII strings.
 */
final class RandomMessages {
    private static final String ALPHABET = "abcXYZ09-._é漢🙂";

    private final Random random;
    private int depth;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    <T extends Message> T next(Class<T> type) {
        return type.cast(record(type));
    }

    private Object record(Class<?> type) {
        depth++;
        try {
            return newRecord(type);
        } finally {
            depth--;
        }
    }

    private Object newRecord(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            boolean nullable = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
            args[i] = value(c.getGenericType(), nullable);
            types[i] = c.getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type, e);
        }
    }

    private @Nullable Object value(Type type, boolean nullable) {
        if (nullable && random.nextInt(6) == 0) {
            return null;
        }
        if (type instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            int size =
                    switch (random.nextInt(12)) {
                        case 0, 1, 2 -> 0;
                        // A count + 1 of 128 or more takes two varint bytes; only at the top, to keep messages small.
                        case 3 -> depth == 1 ? 127 + random.nextInt(3) : 0;
                        default -> 1 + random.nextInt(3);
                    };
            List<Object> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(value(element, false));
            }
            return items;
        }
        Class<?> c = (Class<?>) type;
        if (c == byte.class || c == Byte.class) {
            return (byte) edge(random.nextInt(256) - 128);
        }
        if (c == short.class || c == Short.class) {
            return (short) edge(random.nextInt(65536) - 32768);
        }
        if (c == int.class || c == Integer.class) {
            return (int) edge(random.nextInt());
        }
        if (c == long.class || c == Long.class) {
            return edge(random.nextLong());
        }
        if (c == double.class || c == Double.class) {
            return random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 1000;
        }
        if (c == boolean.class || c == Boolean.class) {
            return random.nextBoolean();
        }
        if (c == String.class) {
            return string();
        }
        if (c == UUID.class) {
            return random.nextInt(4) == 0 ? new UUID(0, 0) : new UUID(random.nextLong(), random.nextLong());
        }
        if (c == ByteBuffer.class) {
            return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
        }
        if (c == MemoryRecords.class || c == Records.class) {
            return MemoryRecords.wrap(ByteBuffer.wrap(bytes()));
        }
        if (c.isRecord()) {
            return record(c);
        }
        throw new AssertionError("no random values for " + type);
    }

    private long edge(long value) {
        return switch (random.nextInt(5)) {
            case 0 -> -1;
            case 1 -> 0;
            default -> value;
        };
    }

    private String string() {
        // Now and then longer than 127 bytes, so that lengths take more than one varint byte.
        int length =
                switch (random.nextInt(10)) {
                    case 0 -> 0;
                    case 1 -> 60 + random.nextInt(200);
                    default -> random.nextInt(12);
                };
        StringBuilder s = new StringBuilder();
        int[] points = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return s.toString();
    }

    private byte[] bytes() {
        int length =
                switch (random.nextInt(8)) {
                    case 0 -> 0;
                    case 1 -> 128 + random.nextInt(400);
                    default -> random.nextInt(100);
                };
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
