package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StoreBuilder;
import io.runnel.state.Stores;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.streams.KeyValue;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.kstream.BranchedKStream;
import io.runnel.streams.kstream.ForeachAction;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.KGroupedStream;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.KTable;
import io.runnel.streams.kstream.KeyValueMapper;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Predicate;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.kstream.Repartitioned;
import io.runnel.streams.kstream.ValueMapper;
import io.runnel.streams.kstream.ValueMapperWithKey;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.ProcessorSupplier;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.internal.FixedKeyProcessorAdapter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stream node of the DSL: the name of the processor producing it, whether its key may have changed since it was
 * last partitioned, and the serdes known for it (used for repartition topics and stores when none are given).
 */
public final class KStreamImpl<K, V> implements KStream<K, V> {
    static final String SOURCE_NAME = "KSTREAM-SOURCE-";
    static final String SINK_NAME = "KSTREAM-SINK-";
    static final String FILTER_NAME = "KSTREAM-FILTER-";

    private final InternalStreamsBuilder builder;
    private final String name;
    private final boolean repartitionRequired;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;

    KStreamImpl(
            InternalStreamsBuilder builder,
            String name,
            boolean repartitionRequired,
            @Nullable Serde<K> keySerde,
            @Nullable Serde<V> valueSerde) {
        this.builder = builder;
        this.name = name;
        this.repartitionRequired = repartitionRequired;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    String name() {
        return name;
    }

    boolean repartitionRequired() {
        return repartitionRequired;
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    /** A processor that runs {@code body} on each record, with its context at hand. */
    @FunctionalInterface
    interface Body {
        void process(ProcessorContext<Object, Object> self, Record<Object, Object> record);
    }

    private static ProcessorSupplier<Object, Object, Object, Object> supplier(Body body) {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<Object, Object> record) {
                body.process(context(), record);
            }
        };
    }

    static void forward(ProcessorContext<Object, Object> self, Record<Object, Object> record) {
        self.forward(record);
    }

    private String nameOr(@Nullable Named named, String prefix) {
        String given = named == null ? null : new Options.NamedInternal(named).name();
        return given != null ? given : builder.newProcessorName(prefix);
    }

    private <K1, V1> KStreamImpl<K1, V1> add(
            String nodeName,
            ProcessorSupplier<Object, Object, Object, Object> supplier,
            boolean keyChanged,
            @Nullable Serde<K1> newKeySerde,
            @Nullable Serde<V1> newValueSerde) {
        builder.topology().addProcessor(nodeName, supplier, List.of(name));
        return new KStreamImpl<>(builder, nodeName, repartitionRequired || keyChanged, newKeySerde, newValueSerde);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null, false);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, Objects.requireNonNull(named, "named cannot be null"), false);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null, true);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, Objects.requireNonNull(named, "named cannot be null"), true);
    }

    @SuppressWarnings("unchecked")
    private KStream<K, V> filter(Predicate<? super K, ? super V> predicate, @Nullable Named named, boolean not) {
        Objects.requireNonNull(predicate, "predicate cannot be null");
        Predicate<Object, Object> p = (Predicate<Object, Object>) predicate;
        return add(
                nameOr(named, FILTER_NAME),
                supplier((self, r) -> {
                    if (p.test(r.key(), r.value()) != not) {
                        forward(self, r);
                    }
                }),
                false,
                keySerde,
                valueSerde);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <KR> KStream<KR, V> selectKey(
            KeyValueMapper<? super K, ? super V, ? extends KR> mapper, @Nullable Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        KeyValueMapper<Object, Object, Object> m = (KeyValueMapper<Object, Object, Object>) mapper;
        return add(
                nameOr(named, "KSTREAM-KEY-SELECT-"),
                supplier((self, r) -> forward(self, r.withKey(m.apply(r.key(), r.value())))),
                true,
                null,
                valueSerde);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
            @Nullable Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        KeyValueMapper<Object, Object, @Nullable KeyValue<?, ?>> m =
                (KeyValueMapper<Object, Object, @Nullable KeyValue<?, ?>>) (KeyValueMapper<?, ?, ?>) mapper;
        String nodeName = nameOr(named, "KSTREAM-MAP-");
        return add(
                nodeName,
                supplier((self, r) -> {
                    KeyValue<?, ?> kv = m.apply(r.key(), r.value());
                    if (kv == null) {
                        throw new StreamsException("The KeyValueMapper of " + nodeName + " returned null, which is"
                                + " not allowed; return a KeyValue (filter first to drop records)");
                    }
                    forward(self, r.withKey((Object) kv.key()).withValue((Object) kv.value()));
                }),
                true,
                null,
                null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        return mapValues((k, v) -> mapper.apply(v), null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        return mapValues((k, v) -> mapper.apply(v), Objects.requireNonNull(named, "named cannot be null"));
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VR> KStream<K, VR> mapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, @Nullable Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        ValueMapperWithKey<Object, Object, Object> m = (ValueMapperWithKey<Object, Object, Object>) mapper;
        return add(
                nameOr(named, "KSTREAM-MAPVALUES-"),
                supplier((self, r) -> forward(self, r.withValue(m.apply(r.key(), r.value())))),
                false,
                keySerde,
                null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>>
                    mapper) {
        return flatMap(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>>
                    mapper,
            @Nullable Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        KeyValueMapper<Object, Object, Iterable<KeyValue<?, ?>>> m =
                (KeyValueMapper<Object, Object, Iterable<KeyValue<?, ?>>>) (KeyValueMapper<?, ?, ?>) mapper;
        String nodeName = nameOr(named, "KSTREAM-FLATMAP-");
        return add(
                nodeName,
                supplier((self, r) -> {
                    Iterable<KeyValue<?, ?>> out = m.apply(r.key(), r.value());
                    if (out == null) {
                        throw new StreamsException("The KeyValueMapper of " + nodeName + " returned null; return an"
                                + " empty list to emit nothing");
                    }
                    for (KeyValue<?, ?> kv : out) {
                        forward(self, r.withKey((Object) kv.key()).withValue((Object) kv.value()));
                    }
                }),
                true,
                null,
                null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        return flatMapValues((k, v) -> mapper.apply(v), null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        return flatMapValues((k, v) -> mapper.apply(v), Objects.requireNonNull(named, "named cannot be null"));
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, @Nullable Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        ValueMapperWithKey<Object, Object, Iterable<?>> m =
                (ValueMapperWithKey<Object, Object, Iterable<?>>) (ValueMapperWithKey<?, ?, ?>) mapper;
        String nodeName = nameOr(named, "KSTREAM-FLATMAPVALUES-");
        return add(
                nodeName,
                supplier((self, r) -> {
                    Iterable<?> out = m.apply(r.key(), r.value());
                    if (out == null) {
                        throw new StreamsException("The ValueMapper of " + nodeName + " returned null; return an"
                                + " empty list to emit nothing");
                    }
                    for (Object v : out) {
                        forward(self, r.withValue(v));
                    }
                }),
                false,
                keySerde,
                null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, @Nullable Named named) {
        Objects.requireNonNull(action, "action cannot be null");
        ForeachAction<Object, Object> a = (ForeachAction<Object, Object>) action;
        return add(
                nameOr(named, "KSTREAM-PEEK-"),
                supplier((self, r) -> {
                    a.apply(r.key(), r.value());
                    forward(self, r);
                }),
                false,
                keySerde,
                valueSerde);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void foreach(ForeachAction<? super K, ? super V> action, @Nullable Named named) {
        Objects.requireNonNull(action, "action cannot be null");
        ForeachAction<Object, Object> a = (ForeachAction<Object, Object>) action;
        add(nameOr(named, "KSTREAM-FOREACH-"), supplier((self, r) -> a.apply(r.key(), r.value())), false, null, null);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return split(null);
    }

    @Override
    public BranchedKStream<K, V> split(@Nullable Named named) {
        String splitter = nameOr(named, "KSTREAM-BRANCH-");
        return new BranchedKStreamImpl<>(this, splitter);
    }

    /** Adds a pass-through child of {@code parent} and returns it as a stream with this stream's properties. */
    KStreamImpl<K, V> passThroughChild(String parent, String childName) {
        builder.topology().addProcessor(childName, supplier(KStreamImpl::forward), List.of(parent));
        return new KStreamImpl<>(builder, childName, repartitionRequired, keySerde, valueSerde);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, @Nullable Named named) {
        Objects.requireNonNull(stream, "stream cannot be null");
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) stream;
        if (other.builder != builder) {
            throw new StreamsException(
                    "Cannot merge streams of different StreamsBuilders (" + name + ", " + other.name + ")");
        }
        String nodeName = nameOr(named, "KSTREAM-MERGE-");
        builder.topology().addProcessor(nodeName, supplier(KStreamImpl::forward), List.of(name, other.name));
        boolean sameSerdes = Objects.equals(keySerde, other.keySerde) && Objects.equals(valueSerde, other.valueSerde);
        return new KStreamImpl<>(
                builder,
                nodeName,
                repartitionRequired || other.repartitionRequired,
                sameSerdes ? keySerde : null,
                sameSerdes ? valueSerde : null);
    }

    @Override
    public void to(String topic) {
        to(topic, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic cannot be null");
        addSink(topic, null, produced);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor cannot be null");
        addSink(null, topicExtractor, produced);
    }

    private void addSink(@Nullable String topic, @Nullable TopicNameExtractor<K, V> extractor, Produced<K, V> p) {
        Options.ProducedInternal<K, V> produced =
                new Options.ProducedInternal<>(Objects.requireNonNull(p, "produced cannot be null"));
        String given = produced.name();
        String sinkName = given != null ? given : builder.newProcessorName(SINK_NAME);
        Serde<K> ks = produced.keySerde() != null ? produced.keySerde() : keySerde;
        Serde<V> vs = produced.valueSerde() != null ? produced.valueSerde() : valueSerde;
        builder.topology()
                .addSink(
                        sinkName,
                        topic,
                        extractor,
                        ks == null ? null : ks.serializer(),
                        vs == null ? null : vs.serializer(),
                        List.of(name));
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames) {
        return process(processorSupplier, null, stateStoreNames);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
            @Nullable Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier cannot be null");
        String nodeName = nameOr(named, "KSTREAM-PROCESSOR-");
        builder.topology().addProcessor(nodeName, processorSupplier, List.of(name));
        for (String store : stateStoreNames) {
            builder.topology().connectProcessorAndStateStore(nodeName, store);
        }
        return new KStreamImpl<>(builder, nodeName, true, null, null);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames) {
        return processValues(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
            @Nullable Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier cannot be null");
        String nodeName = nameOr(named, "KSTREAM-PROCESSVALUES-");
        builder.topology().addProcessor(nodeName, FixedKeyProcessorAdapter.supplier(processorSupplier), List.of(name));
        for (String store : stateStoreNames) {
            builder.topology().connectProcessorAndStateStore(nodeName, store);
        }
        return new KStreamImpl<>(builder, nodeName, repartitionRequired, keySerde, null);
    }

    @Override
    public KTable<K, V> toTable() {
        return toTable(null, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(named, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return toTable(null, materialized);
    }

    @Override
    public KTable<K, V> toTable(@Nullable Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Options.MaterializedInternal<K, V, ?> m =
                new Options.MaterializedInternal<>(Objects.requireNonNull(materialized, "materialized cannot be null"));
        String nodeName = nameOr(named, "KSTREAM-TOTABLE-");
        String storeName = m.storeName();
        if (storeName == null) {
            builder.newStoreName("KSTREAM-TOTABLE-"); // Kafka draws a store name here even when none is built
        }
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<V> vs = m.valueSerde() != null ? m.valueSerde() : valueSerde;
        String parent = repartitionRequired ? repartitionThrough(nodeName, ks, vs) : name;
        builder.topology().addProcessor(nodeName, () -> new KStreamToTable(storeName), List.of(parent));
        if (storeName != null) {
            StoreBuilder<TimestampedKeyValueStore<K, V>> store = Stores.timestampedKeyValueStoreBuilder(
                    m.inMemory()
                            ? Stores.inMemoryKeyValueStore(storeName)
                            : Stores.persistentTimestampedKeyValueStore(storeName),
                    storeSerde(ks, true, storeName),
                    storeSerde(vs, false, storeName));
            store = m.cachingEnabled() ? store.withCachingEnabled() : store.withCachingDisabled();
            store = m.loggingEnabled() ? store.withLoggingEnabled(m.topicConfig()) : store.withLoggingDisabled();
            builder.topology().addStateStore(store, List.of(nodeName));
        }
        return new KTableImpl<>(builder, nodeName, storeName, ks, vs, -1);
    }

    private <T> io.runnel.common.serialization.Serde<T> storeSerde(
            @Nullable Serde<T> serde, boolean key, String storeName) {
        if (serde != null) {
            return serde;
        }
        DeferredSerde<T> deferred = new DeferredSerde<>(key, storeName);
        builder.topology().onConfigure(deferred::resolve);
        return deferred;
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.with(keySerde, valueSerde));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        Options.RepartitionedInternal<K, V> r = new Options.RepartitionedInternal<>(
                Objects.requireNonNull(repartitioned, "repartitioned cannot be null"));
        String given = r.name();
        String prefix = given != null ? given : builder.newProcessorName("KSTREAM-REPARTITION-");
        Serde<K> ks = r.keySerde() != null ? r.keySerde() : keySerde;
        Serde<V> vs = r.valueSerde() != null ? r.valueSerde() : valueSerde;
        String source = repartitionThrough(prefix, ks, vs);
        return new KStreamImpl<>(builder, source, false, ks, vs);
    }

    /**
     * Adds null-key filter → sink → internal topic {@code <prefix>-repartition} → source below this stream, drawing
     * Kafka's names (sink, filter, source; named after the topic unless the prefix is itself generated), and
     * returns the source's name.
     */
    String repartitionThrough(String prefix, @Nullable Serde<K> ks, @Nullable Serde<V> vs) {
        String topic = prefix + "-repartition";
        String genSink = builder.newProcessorName(SINK_NAME);
        String genFilter = builder.newProcessorName(FILTER_NAME);
        String genSource = builder.newProcessorName(SOURCE_NAME);
        boolean generated = prefix.matches("KSTREAM.*-[0-9]{10}");
        String sink = generated ? genSink : topic + "-sink";
        String filter = generated ? genFilter : topic + "-filter";
        String source = generated ? genSource : topic + "-source";
        builder.topology()
                .addProcessor(
                        filter,
                        supplier((self, r) -> {
                            if (r.key() != null) {
                                self.forward(r);
                            }
                        }),
                        List.of(name));
        builder.topology()
                .addSink(
                        sink,
                        topic,
                        null,
                        ks == null ? null : ks.serializer(),
                        vs == null ? null : vs.serializer(),
                        List.of(filter));
        builder.topology().addInternalTopic(topic);
        builder.topology()
                .addSource(
                        source,
                        List.of(topic),
                        ks == null ? null : ks.deserializer(),
                        vs == null ? null : vs.deserializer(),
                        null);
        return source;
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(keySerde, valueSerde));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Options.GroupedInternal<K, V> g =
                new Options.GroupedInternal<>(Objects.requireNonNull(grouped, "grouped cannot be null"));
        return new KGroupedStreamImpl<>(
                this,
                repartitionRequired,
                g.keySerde() != null ? g.keySerde() : keySerde,
                g.valueSerde() != null ? g.valueSerde() : valueSerde,
                g.name());
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, Grouped.with(null, valueSerde));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(
            KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped) {
        Objects.requireNonNull(keySelector, "keySelector cannot be null");
        Options.GroupedInternal<KR, V> g =
                new Options.GroupedInternal<>(Objects.requireNonNull(grouped, "grouped cannot be null"));
        KStreamImpl<KR, V> selected = (KStreamImpl<KR, V>) selectKey(keySelector);
        return new KGroupedStreamImpl<>(
                selected, true, g.keySerde(), g.valueSerde() != null ? g.valueSerde() : valueSerde, g.name());
    }

    /** For {@link BranchedKStreamImpl}: chains the user's function or consumer on a branch. */
    static <K, V> @Nullable KStream<K, V> chain(
            KStreamImpl<K, V> branch,
            @Nullable Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> function) {
        return function == null ? branch : function.apply(branch);
    }

    /** A predicate evaluation for the splitter. */
    @SuppressWarnings("unchecked")
    static boolean test(Predicate<?, ?> predicate, Record<Object, Object> r) {
        return ((Predicate<Object, Object>) predicate).test(r.key(), r.value());
    }

    @Override
    public String toString() {
        return "KStream(" + name + ")";
    }
}
