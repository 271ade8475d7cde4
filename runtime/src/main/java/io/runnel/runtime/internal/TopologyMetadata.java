package io.runnel.runtime.internal;

import io.runnel.state.StoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.processor.internal.InternalTopologyBuilder;
import io.runnel.streams.processor.internal.InternalTopologyBuilder.SinkDef;
import io.runnel.streams.processor.internal.InternalTopologyBuilder.StoreDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the runtime needs to know of a topology, with topic names resolved for the application: each sub-topology's
 * input topics, the topics its sinks name, and its logged stores; which topics are internal (repartition topics).
 * Immutable.
 */
public final class TopologyMetadata {

    /**
     * One sub-topology.
     *
     * @param id the sub-topology id (the first half of its task ids)
     * @param nodes the names of its nodes
     * @param sourceTopics the topics it reads, resolved
     * @param sinkTopics the fixed topics its sinks write, resolved (topics chosen by an extractor are not known)
     * @param stores the stores its processors use
     */
    public record Subtopology(
            int id, Set<String> nodes, Set<String> sourceTopics, Set<String> sinkTopics, List<StoreBuilder<?>> stores) {
        public Subtopology {
            nodes = Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
            sourceTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sourceTopics));
            sinkTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sinkTopics));
            stores = List.copyOf(stores);
        }

        /** The stores whose changes go to a changelog topic. */
        public List<StoreBuilder<?>> loggedStores() {
            return stores.stream().filter(StoreBuilder::loggingEnabled).toList();
        }
    }

    private final InternalTopologyBuilder builder;
    private final Map<Integer, Subtopology> subtopologies;
    private final Set<String> internalTopics;
    private final Map<String, Integer> readers;

    /** @throws io.runnel.streams.errors.TopologyException if the topology is invalid */
    public TopologyMetadata(InternalTopologyBuilder builder, StreamsConfig config) {
        this.builder = builder;
        String appId = config.applicationId();
        Map<Integer, Subtopology> subs = new TreeMap<>();
        Set<String> internal = new LinkedHashSet<>();
        Map<String, Integer> readerOf = new LinkedHashMap<>();
        for (Map.Entry<Integer, Set<String>> group : builder.subtopologies().entrySet()) {
            Set<String> nodes = group.getValue();
            Set<String> sources = new LinkedHashSet<>();
            for (String topic : builder.sourceTopics(nodes)) {
                String resolved = builder.resolveTopic(topic, appId);
                sources.add(resolved);
                readerOf.put(resolved, group.getKey());
                if (builder.isInternalTopic(topic)) {
                    internal.add(resolved);
                }
            }
            Set<String> sinks = new LinkedHashSet<>();
            for (String name : nodes) {
                if (builder.nodes().get(name) instanceof SinkDef sink && sink.topic() != null) {
                    String topic = sink.topic();
                    sinks.add(builder.resolveTopic(topic, appId));
                    if (builder.isInternalTopic(topic)) {
                        internal.add(builder.resolveTopic(topic, appId));
                    }
                }
            }
            List<StoreBuilder<?>> stores = new ArrayList<>();
            for (StoreDef store : builder.stores().values()) {
                if (store.users().stream().anyMatch(nodes::contains)) {
                    stores.add(store.builder());
                }
            }
            subs.put(group.getKey(), new Subtopology(group.getKey(), nodes, sources, sinks, stores));
        }
        this.subtopologies = Collections.unmodifiableMap(subs);
        this.internalTopics = Collections.unmodifiableSet(internal);
        this.readers = Collections.unmodifiableMap(readerOf);
    }

    public InternalTopologyBuilder builder() {
        return builder;
    }

    public Map<Integer, Subtopology> subtopologies() {
        return subtopologies;
    }

    /** The resolved names of the repartition topics. */
    public Set<String> internalTopics() {
        return internalTopics;
    }

    /** The topics the application reads that it does not create. */
    public Set<String> externalSourceTopics() {
        Set<String> out = new LinkedHashSet<>();
        for (Subtopology s : subtopologies.values()) {
            for (String t : s.sourceTopics()) {
                if (!internalTopics.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** The sub-topology that reads {@code topic} (resolved), or null. */
    public @org.jspecify.annotations.Nullable Integer readerOf(String topic) {
        return readers.get(topic);
    }
}
