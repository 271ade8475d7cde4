package io.runnel.streams.kstream.internal;

import io.runnel.state.CachedStateStore;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.internal.ProcessorContextImpl;
import io.runnel.streams.processor.internal.ProcessorNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a grouped stream into a timestamped key-value store and emits each new aggregate, with the largest
 * timestamp of the records that built it. With a caching store the emission happens when the cache flushes (on
 * commit or eviction), so that several updates of a key between commits emit once, as in Kafka.
 */
final class KStreamAggregate implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(KStreamAggregate.class);

    /** Combines an aggregate (null for a new key) with a value. */
    interface Step {
        Object apply(Object key, @Nullable Object value, @Nullable Object aggregate);
    }

    private final String storeName;
    private final Step step;
    private final boolean skipNullValues;
    private @Nullable ProcessorContextImpl context;
    private @Nullable TimestampedKeyValueStore<Object, Object> store;
    private boolean emitOnFlush;

    KStreamAggregate(String storeName, Step step, boolean skipNullValues) {
        this.storeName = storeName;
        this.step = step;
        this.skipNullValues = skipNullValues;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Object, Object> ctx) {
        ProcessorContextImpl c = (ProcessorContextImpl) ctx;
        this.context = c;
        TimestampedKeyValueStore<Object, Object> s = c.getStateStore(storeName);
        this.store = s;
        ProcessorNode self = c.self();
        if (s instanceof CachedStateStore<?, ?> cached) {
            emitOnFlush = ((CachedStateStore<Object, ValueAndTimestamp<Object>>) cached)
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
        TimestampedKeyValueStore<Object, Object> s = Objects.requireNonNull(store);
        Object key = record.key();
        Object value = record.value();
        if (key == null || (skipNullValues && value == null)) {
            log.warn(
                    "[Task {}] Skipping a record with a null key{} (topic {} partition {} offset {})",
                    c.taskId(),
                    skipNullValues ? " or value" : "",
                    c.topic(),
                    c.partition(),
                    c.offset());
            c.recordDropped();
            return;
        }
        ValueAndTimestamp<Object> old = s.get(key);
        Object aggregate = step.apply(key, value, old == null ? null : old.value());
        long timestamp = old == null ? record.timestamp() : Math.max(old.timestamp(), record.timestamp());
        s.put(key, ValueAndTimestamp.make(aggregate, timestamp));
        if (!emitOnFlush) {
            c.forward(record.withValue(aggregate).withTimestamp(timestamp));
        }
    }
}
