package io.runnel.streams.kstream.internal;

import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.SessionStore;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import io.runnel.streams.kstream.SessionWindows;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.internal.ProcessorContextImpl;
import io.runnel.streams.processor.internal.ProcessorNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates per key and session. A record at {@code t} joins every session of its key that ends at or after {@code
 * t - gap} and starts at or before {@code t + gap}; those sessions are merged (with the merger) into one spanning
 * them all, the old ones are removed (and emitted as tombstones), and the merged session is stored and emitted
 * timestamped at its end. A record whose merged session would end before stream time minus gap minus grace is
 * dropped and counted.
 */
final class KStreamSessionWindowAggregate implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(KStreamSessionWindowAggregate.class);

    /** Merges two session aggregates of a key. */
    interface Merge {
        Object apply(Object key, @Nullable Object one, Object two);
    }

    private final String storeName;
    private final SessionWindows windows;
    private final java.util.function.Supplier<@Nullable Object> initializer;
    private final KStreamAggregate.Step step;
    private final Merge merger;
    private final boolean skipNullValues;
    private @Nullable ProcessorContextImpl context;
    private @Nullable SessionStore<Object, Object> store;
    private boolean emitOnFlush;
    private long observedStreamTime = -1;

    KStreamSessionWindowAggregate(
            String storeName,
            SessionWindows windows,
            java.util.function.Supplier<@Nullable Object> initializer,
            KStreamAggregate.Step step,
            Merge merger,
            boolean skipNullValues) {
        this.storeName = storeName;
        this.windows = windows;
        this.initializer = initializer;
        this.step = step;
        this.merger = merger;
        this.skipNullValues = skipNullValues;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Object, Object> ctx) {
        ProcessorContextImpl c = (ProcessorContextImpl) ctx;
        this.context = c;
        SessionStore<Object, Object> s = c.getStateStore(storeName);
        this.store = s;
        ProcessorNode self = c.self();
        if (s instanceof CachedStateStore<?, ?> cached) {
            emitOnFlush = ((CachedStateStore<Windowed<Object>, Object>) cached)
                    .setFlushListener(
                            (key, newValue, oldValue, timestamp) -> c.forwardFrom(
                                    self,
                                    new Record<>(key, newValue, key.window().end())),
                            false);
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        SessionStore<Object, Object> s = Objects.requireNonNull(store);
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
        long gap = windows.inactivityGap();
        // a session can still grow until stream time passes its end plus the gap; grace counts from there
        long closeTime = observedStreamTime - windows.gracePeriodMs() - gap;
        List<KeyValue<Windowed<Object>, Object>> merged = new ArrayList<>();
        @Nullable Object aggregate = initializer.get();
        long start = ts;
        long end = ts;
        try (KeyValueIterator<Windowed<Object>, Object> it = s.findSessions(key, Math.max(0, ts - gap), ts + gap)) {
            while (it.hasNext()) {
                KeyValue<Windowed<Object>, Object> session = it.next();
                merged.add(session);
                aggregate = merger.apply(key, aggregate, session.value());
                start = Math.min(start, session.key().window().start());
                end = Math.max(end, session.key().window().end());
            }
        }
        if (end < closeTime) {
            log.warn(
                    "[Task {}] Skipping a record for the expired session [{},{}]: stream time {} minus gap and grace"
                            + " is past its end (topic {} partition {} offset {})",
                    c.taskId(),
                    start,
                    end,
                    observedStreamTime,
                    c.topic(),
                    c.partition(),
                    c.offset());
            c.recordDropped();
            return;
        }
        Window window = new Window(start, end);
        for (KeyValue<Windowed<Object>, Object> session : merged) {
            if (!session.key().window().equals(window)) {
                s.remove(session.key());
                if (!emitOnFlush) {
                    c.forward(new Record<>(
                            session.key(), null, session.key().window().end(), record.headers()));
                }
            }
        }
        aggregate = step.apply(key, record.value(), aggregate);
        Windowed<Object> sessionKey = new Windowed<>(key, window);
        s.put(sessionKey, aggregate);
        if (!emitOnFlush) {
            c.forward(new Record<>(sessionKey, aggregate, end, record.headers()));
        }
    }
}
