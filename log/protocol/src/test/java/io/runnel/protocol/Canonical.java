package io.runnel.protocol;

import io.runnel.records.MemoryRecords;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A value-equal form of a message for assertions: records become ordered maps of their components, byte views and
 * record payloads become hex strings (neither {@link ByteBuffer} positions nor {@link MemoryRecords} identity count).
 */
final class Canonical {
    private Canonical() {}

    static @Nullable Object of(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ByteBuffer bytes) {
            return "bytes:" + hex(bytes);
        }
        if (value instanceof MemoryRecords records) {
            return "records:" + hex(records.buffer());
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(of(item));
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("@type", value.getClass().getSimpleName());
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    out.put(c.getName(), of(c.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }
        return value;
    }

    static String hex(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
