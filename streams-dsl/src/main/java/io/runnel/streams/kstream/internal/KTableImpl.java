package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.KTable;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Suppressed;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.Record;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A table produced by an aggregation: its updates flow out of the aggregating node. */
final class KTableImpl<K, V> implements KTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String name;
    private final @Nullable String storeName;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final long windowCloseDelayMs;

    /**
     * @param windowCloseDelayMs for a windowed table, how long after a window's end it closes (grace; gap plus
     *     grace for sessions); -1 for a table that is not windowed
     */
    KTableImpl(
            InternalStreamsBuilder builder,
            String name,
            @Nullable String storeName,
            @Nullable Serde<K> keySerde,
            @Nullable Serde<V> valueSerde,
            long windowCloseDelayMs) {
        this.builder = builder;
        this.name = name;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.windowCloseDelayMs = windowCloseDelayMs;
    }

    @Override
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed cannot be null");
        if (suppressed.isUntilWindowCloses() && windowCloseDelayMs < 0) {
            throw new IllegalArgumentException("suppress(untilWindowCloses) needs a windowed table, but the table of "
                    + name + " is not windowed; use untilTimeLimit");
        }
        String nodeName = builder.newProcessorName("KTABLE-SUPPRESS-");
        builder.newStoreName("KTABLE-SUPPRESS-"); // Kafka names the buffer's store here; keep later names aligned
        long duration = suppressed.isUntilWindowCloses() ? windowCloseDelayMs : suppressed.timeLimitMs();
        builder.topology()
                .addProcessor(nodeName, () -> new KTableSuppress(nodeName, suppressed, duration), List.of(name));
        return new KTableImpl<>(builder, nodeName, null, keySerde, valueSerde, windowCloseDelayMs);
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(null);
    }

    @Override
    public KStream<K, V> toStream(@Nullable Named named) {
        String given = named == null ? null : new Options.NamedInternal(named).name();
        String nodeName = given != null ? given : builder.newProcessorName("KTABLE-TOSTREAM-");
        builder.topology()
                .addProcessor(
                        nodeName,
                        () -> new ContextualProcessor<Object, Object, Object, Object>() {
                            @Override
                            public void process(Record<Object, Object> record) {
                                context().forward(record);
                            }
                        },
                        List.of(name));
        return new KStreamImpl<>(builder, nodeName, false, keySerde, valueSerde);
    }

    @Override
    public @Nullable String queryableStoreName() {
        return storeName;
    }

    @Override
    public String toString() {
        return "KTable(" + name + ", store=" + Objects.toString(storeName) + ")";
    }
}
