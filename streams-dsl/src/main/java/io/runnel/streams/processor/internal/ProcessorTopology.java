package io.runnel.streams.processor.internal;

import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.StoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TimestampExtractor;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.Processor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The instantiated nodes of one sub-topology for one task: fresh processor instances wired to their children, the
 * source of each input topic with its deserializers and timestamp extractor, and the stores the task must build.
 */
public final class ProcessorTopology {

    /** How a task turns the raw records of one input topic into records for a source node. */
    public record SourceBinding(
            ProcessorNode node,
            Deserializer<Object> keyDeserializer,
            Deserializer<Object> valueDeserializer,
            TimestampExtractor timestampExtractor) {}

    private final int subtopology;
    private final Map<String, ProcessorNode> nodes;
    private final Map<String, SourceBinding> sources;
    private final List<StoreBuilder<?>> stores;

    private ProcessorTopology(
            int subtopology,
            Map<String, ProcessorNode> nodes,
            Map<String, SourceBinding> sources,
            List<StoreBuilder<?>> stores) {
        this.subtopology = subtopology;
        this.nodes = Collections.unmodifiableMap(nodes);
        this.sources = Collections.unmodifiableMap(sources);
        this.stores = List.copyOf(stores);
    }

    /**
     * Instantiates sub-topology {@code id} of {@code builder} for one task.
     *
     * @throws StreamsException if a source or sink has no serde and the config sets no default
     */
    @SuppressWarnings("unchecked")
    public static ProcessorTopology build(
            InternalTopologyBuilder builder, int id, Set<String> nodeNames, StreamsConfig config) {
        builder.configure(config);
        Map<String, ProcessorNode> nodes = new LinkedHashMap<>();
        Map<String, SourceBinding> sources = new LinkedHashMap<>();
        List<StoreBuilder<?>> stores = new ArrayList<>();
        String appId = config.applicationId();
        for (InternalTopologyBuilder.NodeDef def : builder.nodes().values()) {
            if (!nodeNames.contains(def.name())) {
                continue;
            }
            ProcessorNode node;
            if (def instanceof InternalTopologyBuilder.SourceDef s) {
                node = new ProcessorNode(s.name(), new SourceProcessor(), Set.of());
                Deserializer<Object> keyDeserializer = (Deserializer<Object>)
                        or(s.keyDeserializer(), config.defaultKeySerde(), "key deserializer", "source " + s.name());
                Deserializer<Object> valueDeserializer = (Deserializer<Object>) or(
                        s.valueDeserializer(), config.defaultValueSerde(), "value deserializer", "source " + s.name());
                TimestampExtractor extractor =
                        s.timestampExtractor() != null ? s.timestampExtractor() : config.timestampExtractor();
                for (String topic : s.topics()) {
                    sources.put(
                            builder.resolveTopic(topic, appId),
                            new SourceBinding(node, keyDeserializer, valueDeserializer, extractor));
                }
            } else if (def instanceof InternalTopologyBuilder.ProcessorDef p) {
                node = new ProcessorNode(
                        p.name(),
                        (Processor<Object, Object, Object, Object>) p.supplier().get(),
                        p.stores());
            } else {
                InternalTopologyBuilder.SinkDef k = (InternalTopologyBuilder.SinkDef) def;
                Serializer<Object> keySerializer = (Serializer<Object>)
                        or(k.keySerializer(), config.defaultKeySerde(), "key serializer", "sink " + k.name());
                Serializer<Object> valueSerializer = (Serializer<Object>)
                        or(k.valueSerializer(), config.defaultValueSerde(), "value serializer", "sink " + k.name());
                String topic = k.topic() == null ? null : builder.resolveTopic(k.topic(), appId);
                node = new ProcessorNode(
                        k.name(),
                        new SinkProcessor(
                                topic,
                                (TopicNameExtractor<Object, Object>) k.topicExtractor(),
                                keySerializer,
                                valueSerializer),
                        Set.of());
            }
            nodes.put(def.name(), node);
            for (String parent : def.parents()) {
                ProcessorNode p = nodes.get(parent);
                if (p == null) {
                    throw new IllegalStateException("parent " + parent + " of " + def.name() + " is in another group");
                }
                p.addChild(node);
            }
        }
        for (Map.Entry<String, InternalTopologyBuilder.StoreDef> store :
                builder.stores().entrySet()) {
            if (store.getValue().users().stream().anyMatch(nodeNames::contains)) {
                stores.add(store.getValue().builder());
            }
        }
        return new ProcessorTopology(id, nodes, sources, stores);
    }

    private static Object or(@Nullable Object explicit, @Nullable Serde<?> fallback, String what, String node) {
        if (explicit != null) {
            return explicit;
        }
        if (fallback == null) {
            throw new StreamsException("The " + node + " has no " + what + " and the config sets no default "
                    + (what.startsWith("key") ? "key" : "value") + " serde (default."
                    + (what.startsWith("key") ? "key" : "value") + ".serde)");
        }
        return what.endsWith("deserializer") ? fallback.deserializer() : fallback.serializer();
    }

    public int subtopology() {
        return subtopology;
    }

    /** Nodes in the order they were added (parents before children). */
    public Map<String, ProcessorNode> nodes() {
        return nodes;
    }

    /** Input topics (resolved names) and how to read each. */
    public Map<String, SourceBinding> sources() {
        return sources;
    }

    public List<StoreBuilder<?>> stores() {
        return stores;
    }
}
