package io.runnel.streams.kstream.internal;

import io.runnel.state.Windowed;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.kstream.Suppressed;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.Record;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Holds back a table's updates (Kafka's {@code KTableSuppressProcessor}). The buffer keeps the latest record per key
 * under the buffer time of its first update (the window end for final results, the record time for a time limit),
 * ordered by that time (then by key). After each record, entries whose buffer time is at or before stream time minus the
 * suppression duration are emitted, oldest first; then, if the buffer holds more keys than allowed, it emits the
 * oldest early or fails, as configured. Final results drop tombstones. The buffer lives in memory: it is not
 * restored after a restart.
 */
final class KTableSuppress extends ContextualProcessor<Object, Object, Object, Object> {
    /**
     * Orders the buffer: by buffer time, then (as Kafka orders by serialized key) by the key when keys are mutually
     * comparable (a windowed key by its key, then its window start), then by arrival.
     */
    private record BufferKey(long time, Object key, long seq) implements Comparable<BufferKey> {
        @Override
        public int compareTo(BufferKey o) {
            int c = Long.compare(time, o.time);
            if (c == 0) {
                c = compareKeys(key, o.key);
            }
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compareKeys(Object a, Object b) {
            if (a instanceof Windowed<?> wa && b instanceof Windowed<?> wb) {
                int c = compareKeys(wa.key(), wb.key());
                return c != 0
                        ? c
                        : Long.compare(wa.window().start(), wb.window().start());
            }
            if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
                return ca.compareTo(b);
            }
            return 0;
        }
    }

    private final String name;
    private final Suppressed<?> suppressed;
    private final long durationMs;
    private final TreeMap<BufferKey, Record<Object, Object>> byTime = new TreeMap<>();
    private final Map<Object, BufferKey> index = new HashMap<>();
    private long seq;
    private long observedStreamTime = -1;

    KTableSuppress(String name, Suppressed<?> suppressed, long durationMs) {
        this.name = name;
        this.suppressed = suppressed;
        this.durationMs = durationMs;
    }

    @Override
    public void process(Record<Object, Object> record) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        Object key = Objects.requireNonNull(record.key(), "table updates have keys");
        BufferKey existing = index.get(key);
        if (existing != null) {
            byTime.put(existing, record);
        } else {
            BufferKey bk = new BufferKey(bufferTime(key, record), key, seq++);
            index.put(key, bk);
            byTime.put(bk, record);
        }
        long expiry = observedStreamTime - durationMs;
        while (!byTime.isEmpty() && byTime.firstKey().time() <= expiry) {
            emitOldest();
        }
        long max = suppressed.bufferConfig().maxRecords();
        if (index.size() > max) {
            if (suppressed.bufferConfig().bufferFullStrategy() == Suppressed.BufferFullStrategy.SHUT_DOWN) {
                throw new StreamsException("The suppression buffer of " + name + " holds more than " + max
                        + " keys and is configured to shut down when full; raise maxRecords or use"
                        + " emitEarlyWhenFull()");
            }
            while (index.size() > max) {
                emitOldest();
            }
        }
    }

    private long bufferTime(Object key, Record<Object, Object> record) {
        if (suppressed.isUntilWindowCloses()) {
            if (!(key instanceof Windowed<?> w)) {
                throw new StreamsException("suppress(untilWindowCloses) at " + name + " needs a windowed table");
            }
            return w.window().end();
        }
        return record.timestamp();
    }

    private void emitOldest() {
        Map.Entry<BufferKey, Record<Object, Object>> oldest = Objects.requireNonNull(byTime.pollFirstEntry());
        Record<Object, Object> r = oldest.getValue();
        index.remove(r.key());
        if (suppressed.isUntilWindowCloses() && r.value() == null) {
            return;
        }
        context().forward(r);
    }
}
