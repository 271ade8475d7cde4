package io.runnel.streams.processor.internal;

import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.StoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.TopologyDescription;
import io.runnel.streams.errors.TopologyException;
import io.runnel.streams.processor.TimestampExtractor;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The logical graph behind a {@code Topology}: named sources, processors and sinks, the stores they use, and the
 * internal (repartition) topics. It validates each addition as it is made, so a bad topology fails where it is
 * built, with a message naming the nodes involved; it groups nodes into sub-topologies (nodes linked by an edge or a
 * shared store), describes them, and builds the per-task {@link ProcessorTopology} a {@link StreamTask} runs.
 *
 * <p>Sub-topology ids follow Kafka's rule, so that describe() output and task ids match Kafka Streams': groups are
 * numbered in the order their first node was added (every group's first node is a source).
 *
 * <p>Not thread-safe: a topology is built by one thread, then only read.
 */
public final class InternalTopologyBuilder {

    /** A node of the graph. */
    public sealed interface NodeDef permits SourceDef, ProcessorDef, SinkDef {
        String name();

        List<String> parents();
    }

    /** Reads topics (internal topic names are resolved with the application id when a task is built). */
    public record SourceDef(
            String name,
            List<String> topics,
            @Nullable Deserializer<?> keyDeserializer,
            @Nullable Deserializer<?> valueDeserializer,
            @Nullable TimestampExtractor timestampExtractor)
            implements NodeDef {
        @Override
        public List<String> parents() {
            return List.of();
        }
    }

    /** Runs a processor; {@code stores} grows as stores are connected. */
    public record ProcessorDef(
            String name, List<String> parents, ProcessorSupplier<?, ?, ?, ?> supplier, Set<String> stores)
            implements NodeDef {}

    /** Writes to a topic, or to the topic a {@link TopicNameExtractor} picks. */
    public record SinkDef(
            String name,
            List<String> parents,
            @Nullable String topic,
            @Nullable TopicNameExtractor<?, ?> topicExtractor,
            @Nullable Serializer<?> keySerializer,
            @Nullable Serializer<?> valueSerializer)
            implements NodeDef {}

    /** A store and the processors connected to it. */
    public record StoreDef(StoreBuilder<?> builder, Set<String> users) {}

    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, String> topicToSource = new HashMap<>();
    private final Map<String, StoreDef> stores = new LinkedHashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final List<Consumer<StreamsConfig>> configureHooks = new ArrayList<>();

    public void addSource(
            String name,
            List<String> topics,
            @Nullable Deserializer<?> keyDeserializer,
            @Nullable Deserializer<?> valueDeserializer,
            @Nullable TimestampExtractor timestampExtractor) {
        checkNewName(name);
        if (topics.isEmpty()) {
            throw new TopologyException("Source " + name + " must read at least one topic");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String topic : topics) {
            Objects.requireNonNull(topic, () -> "topic of source " + name + " cannot be null");
            if (topic.isEmpty()) {
                throw new TopologyException("Source " + name + " names an empty topic");
            }
            String other = topicToSource.get(topic);
            if (other != null || !seen.add(topic)) {
                throw new TopologyException("Topic " + topic + " is read by source " + (other == null ? name : other)
                        + " already; source " + name + " cannot read it too (read it once and branch instead)");
            }
        }
        for (String topic : seen) {
            topicToSource.put(topic, name);
        }
        nodes.put(name, new SourceDef(name, List.copyOf(seen), keyDeserializer, valueDeserializer, timestampExtractor));
    }

    public void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> parents) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        checkNewName(name);
        checkParents(name, parents);
        Object first = supplier.get();
        Object second = supplier.get();
        if (first == second) {
            throw new TopologyException("The supplier of processor " + name
                    + " returns the same Processor instance twice; get() must create a new one on each call");
        }
        nodes.put(name, new ProcessorDef(name, List.copyOf(parents), supplier, new LinkedHashSet<>()));
        link(name, parents);
        for (StoreBuilder<?> store : supplier.stores()) {
            addStateStore(store, List.of(name));
        }
    }

    public void addSink(
            String name,
            @Nullable String topic,
            @Nullable TopicNameExtractor<?, ?> topicExtractor,
            @Nullable Serializer<?> keySerializer,
            @Nullable Serializer<?> valueSerializer,
            List<String> parents) {
        if ((topic == null) == (topicExtractor == null)) {
            throw new TopologyException("Sink " + name + " needs exactly one of a topic and a topic name extractor");
        }
        if (topic != null && topic.isEmpty()) {
            throw new TopologyException("Sink " + name + " names an empty topic");
        }
        checkNewName(name);
        checkParents(name, parents);
        nodes.put(name, new SinkDef(name, List.copyOf(parents), topic, topicExtractor, keySerializer, valueSerializer));
        link(name, parents);
    }

    public void addStateStore(StoreBuilder<?> builder, List<String> processorNames) {
        Objects.requireNonNull(builder, "storeBuilder cannot be null");
        StoreDef existing = stores.get(builder.name());
        if (existing != null) {
            if (existing.builder() != builder) {
                throw new TopologyException("StateStore " + builder.name() + " is already added (used by processors "
                        + existing.users() + "); another store cannot have the same name");
            }
        } else {
            stores.put(builder.name(), new StoreDef(builder, new LinkedHashSet<>()));
        }
        for (String processor : processorNames) {
            connectProcessorAndStateStore(processor, builder.name());
        }
    }

    public void connectProcessorAndStateStore(String processorName, String storeName) {
        NodeDef node = nodes.get(processorName);
        if (node == null) {
            throw new TopologyException(
                    "Processor " + processorName + " is not added yet; cannot connect store " + storeName + " to it");
        }
        if (!(node instanceof ProcessorDef processor)) {
            throw new TopologyException("Store " + storeName + " cannot be connected to " + processorName
                    + ", which is a source or a sink, not a processor");
        }
        StoreDef store = stores.get(storeName);
        if (store == null) {
            throw new TopologyException(
                    "StateStore " + storeName + " is not added yet; cannot connect it to processor " + processorName);
        }
        processor.stores().add(storeName);
        store.users().add(processorName);
    }

    /** Runs {@code hook} with the config each time a runtime builds tasks (the DSL resolves default serdes so). */
    public void onConfigure(Consumer<StreamsConfig> hook) {
        configureHooks.add(Objects.requireNonNull(hook, "hook cannot be null"));
    }

    /** Called by {@link ProcessorTopology#build} before it builds anything. */
    void configure(StreamsConfig config) {
        for (Consumer<StreamsConfig> hook : configureHooks) {
            hook.accept(config);
        }
    }

    /** Marks a topic that the application owns (a repartition topic): its name gets the application id prefix. */
    public void addInternalTopic(String topic) {
        internalTopics.add(topic);
    }

    public boolean isInternalTopic(String topic) {
        return internalTopics.contains(topic);
    }

    /** The topic name a running application uses: internal topics are prefixed with the application id. */
    public String resolveTopic(String topic, String applicationId) {
        return internalTopics.contains(topic) ? applicationId + "-" + topic : topic;
    }

    public Map<String, NodeDef> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public Map<String, StoreDef> stores() {
        return Collections.unmodifiableMap(stores);
    }

    public List<String> childrenOf(String name) {
        return children.getOrDefault(name, List.of());
    }

    public boolean hasNode(String name) {
        return nodes.containsKey(name);
    }

    /**
     * Groups the nodes into sub-topologies, numbered as Kafka numbers them.
     *
     * @throws TopologyException if the topology is empty or a store is connected to no processor
     */
    public Map<Integer, Set<String>> subtopologies() {
        if (nodes.isEmpty()) {
            throw new TopologyException("The topology has no nodes; add a source first");
        }
        for (Map.Entry<String, StoreDef> store : stores.entrySet()) {
            if (store.getValue().users().isEmpty()) {
                throw new TopologyException("StateStore " + store.getKey()
                        + " is not connected to any processor; connect it with connectProcessorAndStateStores");
            }
        }
        Map<String, String> parent = new HashMap<>();
        for (NodeDef node : nodes.values()) {
            for (String p : node.parents()) {
                union(parent, node.name(), p);
            }
        }
        for (StoreDef store : stores.values()) {
            String first = null;
            for (String user : store.users()) {
                if (first == null) {
                    first = user;
                } else {
                    union(parent, first, user);
                }
            }
        }
        Map<Integer, Set<String>> groups = new TreeMap<>();
        Map<String, Integer> rootToGroup = new HashMap<>();
        for (String name : nodes.keySet()) {
            String root = find(parent, name);
            Integer group = rootToGroup.computeIfAbsent(root, r -> rootToGroup.size());
            groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(name);
        }
        return groups;
    }

    /** Every sub-topology's source topics, unresolved. */
    public Set<String> sourceTopics(Set<String> nodeNames) {
        Set<String> topics = new LinkedHashSet<>();
        for (String name : nodeNames) {
            if (nodes.get(name) instanceof SourceDef source) {
                topics.addAll(source.topics());
            }
        }
        return topics;
    }

    public TopologyDescription describe() {
        return TopologyDescriptionImpl.of(this, subtopologies());
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "node name cannot be null");
        if (name.isEmpty()) {
            throw new TopologyException("A node cannot have an empty name");
        }
        if (nodes.containsKey(name)) {
            throw new TopologyException("Processor " + name + " is already added");
        }
    }

    private void checkParents(String name, List<String> parents) {
        if (parents.isEmpty()) {
            throw new TopologyException("Node " + name + " needs at least one parent");
        }
        for (String p : parents) {
            if (name.equals(p)) {
                throw new TopologyException("Processor " + name + " cannot be a parent of itself");
            }
            NodeDef parent = nodes.get(p);
            if (parent == null) {
                throw new TopologyException("Parent processor " + p + " is not added yet for " + name);
            }
            if (parent instanceof SinkDef) {
                throw new TopologyException("Sink " + p + " cannot be used as a parent (of " + name + ")");
            }
        }
        if (new LinkedHashSet<>(parents).size() != parents.size()) {
            throw new TopologyException("Node " + name + " lists a parent twice: " + parents);
        }
    }

    private void link(String name, List<String> parents) {
        for (String p : parents) {
            children.computeIfAbsent(p, k -> new ArrayList<>()).add(name);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        String next;
        while ((next = parent.get(root)) != null) {
            root = next;
        }
        String cur = x;
        while (!cur.equals(root)) {
            String up = Objects.requireNonNull(parent.get(cur));
            parent.put(cur, root);
            cur = up;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
