package io.runnel.streams.kstream.internal;

import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.TimestampedWindowStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.state.Window;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.streams.kstream.SlidingWindows;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.internal.ProcessorContextImpl;
import io.runnel.streams.processor.internal.ProcessorNode;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sliding-window aggregation (Kafka's semantics). With {@code d} the time difference, a record at {@code t}:
 *
 * <ul>
 *   <li>is added to every existing window of its key that contains {@code t};
 *   <li>gets its left window {@code [t - d, t]}, seeded with the aggregate of the latest earlier window if the
 *       previous record (the largest earlier timestamp) is within {@code d}, else with the initial value;
 *   <li>creates the previous record's right window {@code [p + 1, p + 1 + d]} if it is missing and reaches {@code
 *       t};
 *   <li>gets its own right window {@code [t + 1, t + 1 + d]} if a later record falls into it (then it holds the
 *       aggregate of the window that holds those later records).
 * </ul>
 *
 * Records earlier than {@code d} put everything before {@code d} into one window {@code [0, d]}. Windows ending
 * before stream time minus grace are closed: updates to them are dropped and counted; a record whose every window
 * is closed is dropped once.
 */
final class KStreamSlidingWindowAggregate implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(KStreamSlidingWindowAggregate.class);

    private final String storeName;
    private final long diff;
    private final long grace;
    private final Supplier<@Nullable Object> initializer;
    private final KStreamAggregate.Step step;
    private final boolean skipNullValues;
    private @Nullable ProcessorContextImpl context;
    private @Nullable TimestampedWindowStore<Object, Object> store;
    private boolean emitOnFlush;
    private long observedStreamTime = -1;

    KStreamSlidingWindowAggregate(
            String storeName,
            SlidingWindows windows,
            Supplier<@Nullable Object> initializer,
            KStreamAggregate.Step step,
            boolean skipNullValues) {
        this.storeName = storeName;
        this.diff = windows.timeDifferenceMs();
        this.grace = windows.gracePeriodMs();
        this.initializer = initializer;
        this.step = step;
        this.skipNullValues = skipNullValues;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Object, Object> ctx) {
        ProcessorContextImpl c = (ProcessorContextImpl) ctx;
        this.context = c;
        TimestampedWindowStore<Object, Object> s = c.getStateStore(storeName);
        this.store = s;
        ProcessorNode self = c.self();
        if (s instanceof CachedStateStore<?, ?> cached) {
            emitOnFlush = ((CachedStateStore<Windowed<Object>, ValueAndTimestamp<Object>>) cached)
                    .setFlushListener(
                            (key, newValue, oldValue, timestamp) -> {
                                if (newValue != null) {
                                    Window w = new Window(
                                            key.window().start(), key.window().start() + diff);
                                    c.forwardFrom(
                                            self,
                                            new Record<>(
                                                    new Windowed<>(key.key(), w),
                                                    newValue.value(),
                                                    newValue.timestamp()));
                                }
                            },
                            false);
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        Object key = record.key();
        if (key == null || (skipNullValues && record.value() == null)) {
            log.warn(
                    "[Task {}] Skipping a record with a null key or value (topic {} partition {} offset {})",
                    c.taskId(),
                    c.topic(),
                    c.partition(),
                    c.offset());
            c.recordDropped();
            return;
        }
        long ts = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, ts);
        long closeTime = observedStreamTime - grace;
        if (ts + 1 + diff <= closeTime) {
            log.warn(
                    "[Task {}] Skipping a record: every sliding window of timestamp {} closed before {} (topic {}"
                            + " partition {} offset {})",
                    c.taskId(),
                    ts,
                    closeTime,
                    c.topic(),
                    c.partition(),
                    c.offset());
            c.recordDropped();
            return;
        }
        if (ts < diff) {
            processEarly(key, record.value(), ts, closeTime);
        } else {
            processInOrder(key, record.value(), ts, closeTime);
        }
    }

    private void processInOrder(Object key, @Nullable Object value, long ts, long closeTime) {
        TimestampedWindowStore<Object, Object> s = Objects.requireNonNull(store);
        Set<Long> starts = new HashSet<>();
        ValueAndTimestamp<Object> leftAgg = null;
        ValueAndTimestamp<Object> rightAgg = null;
        boolean leftExists = false;
        boolean rightExists = false;
        Long previous = null;
        try (WindowStoreIterator<ValueAndTimestamp<Object>> it = s.fetch(key, Math.max(0, ts - 2 * diff), ts + 1)) {
            while (it.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<Object>> w = it.next();
                long start = w.key();
                starts.add(start);
                long end = start + diff;
                long maxTs = w.value().timestamp();
                if (end < ts) {
                    leftAgg = w.value();
                    previous = maxTs;
                } else if (end == ts) {
                    leftExists = true;
                    if (maxTs < ts) {
                        previous = maxTs;
                    }
                    update(key, value, start, w.value().value(), w.value().timestamp(), ts, closeTime);
                } else if (start <= ts) {
                    rightAgg = w.value();
                    update(key, value, start, w.value().value(), w.value().timestamp(), ts, closeTime);
                } else {
                    rightExists = true; // start == ts + 1
                }
            }
        }
        if (previous != null && !starts.contains(previous + 1) && previous + 1 + diff >= ts) {
            update(key, value, previous + 1, initializer.get(), ts, ts, closeTime);
        }
        if (!leftExists) {
            Object seed =
                    previous != null && ts - diff <= previous && leftAgg != null ? leftAgg.value() : initializer.get();
            update(key, value, ts - diff, seed, ts, ts, closeTime);
        }
        if (!rightExists && rightAgg != null && rightAgg.timestamp() > ts) {
            putAndForward(key, ts + 1, rightAgg);
        }
    }

    private void processEarly(Object key, @Nullable Object value, long ts, long closeTime) {
        TimestampedWindowStore<Object, Object> s = Objects.requireNonNull(store);
        Set<Long> starts = new HashSet<>();
        ValueAndTimestamp<Object> combined = null;
        ValueAndTimestamp<Object> rightAgg = null;
        boolean rightExists = false;
        Long previous = null;
        try (WindowStoreIterator<ValueAndTimestamp<Object>> it = s.fetch(key, 0, ts + 1)) {
            while (it.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<Object>> w = it.next();
                long start = w.key();
                starts.add(start);
                if (start == 0) {
                    combined = w.value();
                    if (w.value().timestamp() < ts) {
                        previous = w.value().timestamp();
                    }
                } else if (start <= ts) {
                    rightAgg = w.value();
                    update(key, value, start, w.value().value(), w.value().timestamp(), ts, closeTime);
                } else {
                    rightExists = true;
                }
            }
        }
        if (rightAgg == null && combined != null && combined.timestamp() > ts) {
            rightAgg = combined;
        }
        if (!rightExists && rightAgg != null && rightAgg.timestamp() > ts) {
            putAndForward(key, ts + 1, rightAgg);
        }
        if (previous != null && !starts.contains(previous + 1)) {
            update(key, value, previous + 1, initializer.get(), ts, ts, closeTime);
        }
        if (combined != null) {
            update(key, value, 0, combined.value(), combined.timestamp(), ts, closeTime);
        } else {
            update(key, value, 0, initializer.get(), ts, ts, closeTime);
        }
    }

    private void update(
            Object key,
            @Nullable Object value,
            long start,
            @Nullable Object current,
            long currentTs,
            long ts,
            long close) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        long end = start + diff;
        if (end < close) {
            log.warn(
                    "[Task {}] Skipping a record for the expired sliding window [{},{}] (close time {})",
                    c.taskId(),
                    start,
                    end,
                    close);
            c.recordDropped();
            return;
        }
        Object aggregate = step.apply(key, value, current);
        long newTs = Math.max(ts, currentTs);
        putAndForward(key, start, Objects.requireNonNull(ValueAndTimestamp.make(aggregate, newTs)));
    }

    private void putAndForward(Object key, long start, ValueAndTimestamp<Object> agg) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        Objects.requireNonNull(store).put(key, agg, start);
        if (!emitOnFlush) {
            c.forward(new Record<>(new Windowed<>(key, new Window(start, start + diff)), agg.value(), agg.timestamp()));
        }
    }
}
