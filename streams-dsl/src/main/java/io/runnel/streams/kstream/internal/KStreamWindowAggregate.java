package io.runnel.streams.kstream.internal;

import io.runnel.state.CachedStateStore;
import io.runnel.state.TimestampedWindowStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import io.runnel.streams.kstream.TimeWindows;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.internal.ProcessorContextImpl;
import io.runnel.streams.processor.internal.ProcessorNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates per key and time window into a timestamped window store. The processor tracks the largest timestamp it
 * has seen (its observed stream time); a window is closed once that time passes the window's end plus the grace
 * period, and a record for a closed window is dropped and counted once per closed window, as in Kafka.
 */
final class KStreamWindowAggregate implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(KStreamWindowAggregate.class);

    private final String storeName;
    private final TimeWindows windows;
    private final KStreamAggregate.Step step;
    private final boolean skipNullValues;
    private @Nullable ProcessorContextImpl context;
    private @Nullable TimestampedWindowStore<Object, Object> store;
    private boolean emitOnFlush;
    private long observedStreamTime = -1;

    KStreamWindowAggregate(String storeName, TimeWindows windows, KStreamAggregate.Step step, boolean skipNullValues) {
        this.storeName = storeName;
        this.windows = windows;
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
                                    c.forwardFrom(self, new Record<>(key, newValue.value(), newValue.timestamp()));
                                }
                            },
                            false);
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        TimestampedWindowStore<Object, Object> s = Objects.requireNonNull(store);
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
        long closeTime = observedStreamTime - windows.gracePeriodMs();
        List<Long> starts = windows.windowStartsFor(ts);
        for (long start : starts) {
            long end = start + windows.size();
            if (end <= closeTime) {
                log.warn(
                        "[Task {}] Skipping a record for the expired window [{},{}): its timestamp {} is older than"
                                + " the close time {} (topic {} partition {} offset {})",
                        c.taskId(),
                        start,
                        end,
                        ts,
                        closeTime,
                        c.topic(),
                        c.partition(),
                        c.offset());
                c.recordDropped();
                continue;
            }
            ValueAndTimestamp<Object> old = s.fetch(key, start);
            Object aggregate = step.apply(key, record.value(), old == null ? null : old.value());
            long newTs = old == null ? ts : Math.max(old.timestamp(), ts);
            s.put(key, ValueAndTimestamp.make(aggregate, newTs), start);
            if (!emitOnFlush) {
                c.forward(
                        new Record<>(new Windowed<>(key, new Window(start, end)), aggregate, newTs, record.headers()));
            }
        }
    }
}
