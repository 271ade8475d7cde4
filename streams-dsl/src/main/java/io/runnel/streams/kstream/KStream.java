package io.runnel.streams.kstream;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueStore;
import io.runnel.streams.KeyValue;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import io.runnel.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of records. Each operation adds a processor to the topology and returns the stream it
 * produces. Operations that may change the key ({@code map}, {@code flatMap}, {@code selectKey}, {@code process})
 * mark the result for repartitioning: a later grouping writes it through a repartition topic {@code
 * <application.id>-<name>-repartition} so that all records of a key reach the same task.
 *
 * <p>Names: each operation takes an optional {@link Named}; otherwise its processor gets Kafka's generated name
 * ({@code KSTREAM-FILTER-0000000001}, …), so that {@code describe()} output and internal topic names match Kafka
 * Streams'.
 */
public interface KStream<K, V> {

    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named);

    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>>
                    mapper);

    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>>
                    mapper,
            Named named);

    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    void foreach(ForeachAction<? super K, ? super V> action);

    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** Splits the stream by predicates; see {@link BranchedKStream}. */
    BranchedKStream<K, V> split();

    BranchedKStream<K, V> split(Named named);

    KStream<K, V> merge(KStream<K, V> stream);

    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /** Writes to a topic with the config's default serdes. */
    void to(String topic);

    void to(String topic, Produced<K, V> produced);

    void to(TopicNameExtractor<K, V> topicExtractor);

    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    /**
     * Runs a processor on each record, with access to the named stores (which must be added with {@link
     * io.runnel.streams.StreamsBuilder#addStateStore} or brought by the supplier). The result may have new keys.
     */
    <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames);

    <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
            Named named,
            String... stateStoreNames);

    /** As {@link #process}, but the processor cannot change keys, so no repartitioning follows. */
    <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
            Named named,
            String... stateStoreNames);

    /**
     * Writes the stream through a repartition topic ({@code <application.id>-<name>-repartition}, generated as
     * {@code KSTREAM-REPARTITION-0000000001-repartition} when unnamed) and reads it back: a new sub-topology starts.
     * Records with a null key are dropped on the way.
     */
    KStream<K, V> repartition();

    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /**
     * Reads the stream as a table: the latest value per key, a null value deleting the key; records with a null key
     * are dropped. The table has a store only when {@code Materialized} names one. Repartitions first if the key may
     * have changed.
     */
    KTable<K, V> toTable();

    KTable<K, V> toTable(Named named);

    KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Groups by the current key (repartitioning first if the key may have changed). */
    KGroupedStream<K, V> groupByKey();

    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /** Groups by a new key: always repartitions. */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);
}
