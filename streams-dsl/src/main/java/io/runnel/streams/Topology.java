package io.runnel.streams;

import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.StoreBuilder;
import io.runnel.streams.errors.TopologyException;
import io.runnel.streams.processor.TimestampExtractor;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.ProcessorSupplier;
import io.runnel.streams.processor.internal.InternalTopologyBuilder;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A graph of sources, processors and sinks with the state stores they use: what an application runs. Build it with
 * the Processor API methods here or through {@link StreamsBuilder}. Every method validates its input at once and
 * throws {@link TopologyException} naming the nodes, topics or stores at fault.
 *
 * <p>Not thread-safe: build a topology on one thread, then hand it to a runtime (or the test driver).
 */
public class Topology {
    private final InternalTopologyBuilder internal;

    public Topology() {
        this(new InternalTopologyBuilder());
    }

    /** For {@link StreamsBuilder}, which fills the same graph from the DSL. */
    Topology(InternalTopologyBuilder internal) {
        this.internal = internal;
    }

    /**
     * Adds a source reading {@code topics}, deserialized with the config's default serdes.
     *
     * @throws TopologyException if the name is taken or a topic is already read by another source
     */
    public synchronized Topology addSource(String name, String... topics) {
        internal.addSource(name, List.of(topics), null, null, null);
        return this;
    }

    /**
     * Adds a source with its own deserializers ({@code null} means the config's default serde).
     *
     * @throws TopologyException if the name is taken or a topic is already read by another source
     */
    public synchronized Topology addSource(
            String name,
            @Nullable Deserializer<?> keyDeserializer,
            @Nullable Deserializer<?> valueDeserializer,
            String... topics) {
        internal.addSource(name, List.of(topics), keyDeserializer, valueDeserializer, null);
        return this;
    }

    /**
     * Adds a source with its own timestamp extractor and deserializers.
     *
     * @throws TopologyException if the name is taken or a topic is already read by another source
     */
    public synchronized Topology addSource(
            String name,
            @Nullable TimestampExtractor timestampExtractor,
            @Nullable Deserializer<?> keyDeserializer,
            @Nullable Deserializer<?> valueDeserializer,
            String... topics) {
        internal.addSource(name, List.of(topics), keyDeserializer, valueDeserializer, timestampExtractor);
        return this;
    }

    /**
     * Adds a processor below {@code parentNames}; the supplier's own {@link ProcessorSupplier#stores() stores} are
     * added and connected too.
     *
     * @throws TopologyException if the name is taken, a parent is unknown or a sink, or the supplier returns the
     *     same processor twice
     */
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(
            String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parentNames) {
        internal.addProcessor(name, supplier, List.of(parentNames));
        return this;
    }

    /**
     * Adds a sink writing to {@code topic} with the config's default serdes.
     *
     * @throws TopologyException if the name is taken or a parent is unknown or a sink
     */
    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        internal.addSink(name, topic, null, null, null, List.of(parentNames));
        return this;
    }

    /**
     * Adds a sink with its own serializers ({@code null} means the config's default serde).
     *
     * @throws TopologyException if the name is taken or a parent is unknown or a sink
     */
    public synchronized <K, V> Topology addSink(
            String name,
            String topic,
            @Nullable Serializer<K> keySerializer,
            @Nullable Serializer<V> valueSerializer,
            String... parentNames) {
        internal.addSink(name, topic, null, keySerializer, valueSerializer, List.of(parentNames));
        return this;
    }

    /**
     * Adds a sink whose topic is chosen per record.
     *
     * @throws TopologyException if the name is taken or a parent is unknown or a sink
     */
    public synchronized <K, V> Topology addSink(
            String name,
            TopicNameExtractor<K, V> topicExtractor,
            @Nullable Serializer<K> keySerializer,
            @Nullable Serializer<V> valueSerializer,
            String... parentNames) {
        internal.addSink(name, null, topicExtractor, keySerializer, valueSerializer, List.of(parentNames));
        return this;
    }

    /**
     * Adds a store and connects it to the given processors.
     *
     * @throws TopologyException if another store has the same name, or a processor is unknown or not a processor
     */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        internal.addStateStore(storeBuilder, Arrays.asList(processorNames));
        return this;
    }

    /**
     * Gives a processor access to stores already added.
     *
     * @throws TopologyException if the processor or a store is unknown
     */
    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        for (String store : stateStoreNames) {
            internal.connectProcessorAndStateStore(processorName, store);
        }
        return this;
    }

    /**
     * Describes the graph, split into sub-topologies.
     *
     * @throws TopologyException if the topology is empty or has a store connected to no processor
     */
    public synchronized TopologyDescription describe() {
        return internal.describe();
    }

    /** The graph for the runtime; applications do not need it. */
    public InternalTopologyBuilder internalTopologyBuilder() {
        return internal;
    }
}
