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
 * Turns a stream into table updates: drops (and counts) null keys, stores the latest value per key when the table
 * is materialized (a null value deletes; deleting an absent key emits nothing), and forwards each update, or on
 * cache flush with a caching store.
 */
final class KStreamToTable implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(KStreamToTable.class);

    private final @Nullable String storeName;
    private @Nullable ProcessorContextImpl context;
    private @Nullable TimestampedKeyValueStore<Object, Object> store;
    private boolean emitOnFlush;

    KStreamToTable(@Nullable String storeName) {
        this.storeName = storeName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Object, Object> ctx) {
        ProcessorContextImpl c = (ProcessorContextImpl) ctx;
        this.context = c;
        if (storeName == null) {
            return;
        }
        TimestampedKeyValueStore<Object, Object> s = c.getStateStore(storeName);
        this.store = s;
        ProcessorNode self = c.self();
        if (s instanceof CachedStateStore<?, ?> cached) {
            emitOnFlush = ((CachedStateStore<Object, ValueAndTimestamp<Object>>) cached)
                    .setFlushListener(
                            (key, newValue, oldValue, timestamp) -> c.forwardFrom(
                                    self,
                                    new Record<>(
                                            key,
                                            newValue == null ? null : newValue.value(),
                                            newValue == null ? timestamp : newValue.timestamp())),
                            false);
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        ProcessorContextImpl c = Objects.requireNonNull(context);
        if (record.key() == null) {
            log.warn(
                    "[Task {}] Skipping a record with a null key (topic {} partition {} offset {})",
                    c.taskId(),
                    c.topic(),
                    c.partition(),
                    c.offset());
            c.recordDropped();
            return;
        }
        TimestampedKeyValueStore<Object, Object> s = store;
        if (s != null) {
            if (record.value() == null && s.get(record.key()) == null) {
                return; // deleting an absent key changes nothing, so nothing is emitted (as Kafka's caching store)
            }
            s.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        if (!emitOnFlush) {
            c.forward(record);
        }
    }
}
