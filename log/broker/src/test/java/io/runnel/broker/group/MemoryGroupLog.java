package io.runnel.broker.group;

import io.runnel.common.errors.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** {@link GroupLog} in memory: each partition a list of records; appends can be made to fail. */
final class MemoryGroupLog implements GroupLog {
    private final Map<Integer, List<Entry>> partitions = new HashMap<>();
    private boolean failing;

    /** Makes every append fail (true) or succeed again (false). */
    void failAppends(boolean fail) {
        this.failing = fail;
    }

    /** The records of a partition, in order. */
    List<Entry> records(int partition) {
        return partitions.getOrDefault(partition, List.of());
    }

    int size() {
        return partitions.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void append(int partition, List<Entry> entries) {
        if (failing) {
            throw new StorageException("disk failure injected by the test");
        }
        List<Entry> log = partitions.computeIfAbsent(partition, p -> new ArrayList<>());
        for (Entry entry : entries) {
            log.add(new Entry(copy(entry.key()), entry.value() == null ? null : copy(entry.value())));
        }
    }

    @Override
    public void replay(int partition, BiConsumer<ByteBuffer, @Nullable ByteBuffer> consumer) {
        for (Entry entry : records(partition)) {
            consumer.accept(
                    entry.key().duplicate(),
                    entry.value() == null ? null : entry.value().duplicate());
        }
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }
}
