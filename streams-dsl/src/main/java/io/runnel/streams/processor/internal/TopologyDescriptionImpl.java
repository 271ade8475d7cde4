package io.runnel.streams.processor.internal;

import io.runnel.streams.TopologyDescription;
import io.runnel.streams.processor.TopicNameExtractor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An immutable description of a topology, printed in Kafka Streams' text form. Nodes are ordered as Kafka orders
 * them: by the size of the sub-tree they root (largest first), then by name.
 */
final class TopologyDescriptionImpl implements TopologyDescription {
    private static final Comparator<Node> ORDER =
            Comparator.comparingInt((Node n) -> -((AbstractNode) n).size).thenComparing(Node::name);

    private final Set<Subtopology> subtopologies;

    private TopologyDescriptionImpl(Set<Subtopology> subtopologies) {
        this.subtopologies = Collections.unmodifiableSet(subtopologies);
    }

    static TopologyDescriptionImpl of(InternalTopologyBuilder builder, Map<Integer, Set<String>> groups) {
        Set<Subtopology> subs = new LinkedHashSet<>();
        for (Map.Entry<Integer, Set<String>> group : groups.entrySet()) {
            subs.add(describe(builder, group.getKey(), group.getValue()));
        }
        return new TopologyDescriptionImpl(subs);
    }

    private static Subtopology describe(InternalTopologyBuilder builder, int id, Set<String> names) {
        Map<String, AbstractNode> byName = new HashMap<>();
        for (String name : names) {
            InternalTopologyBuilder.NodeDef def =
                    Objects.requireNonNull(builder.nodes().get(name));
            AbstractNode node;
            if (def instanceof InternalTopologyBuilder.SourceDef s) {
                node = new SourceNode(name, new LinkedHashSet<>(s.topics()));
            } else if (def instanceof InternalTopologyBuilder.ProcessorDef p) {
                node = new ProcessorNodeDescription(name, new TreeSet<>(p.stores()));
            } else {
                InternalTopologyBuilder.SinkDef k = (InternalTopologyBuilder.SinkDef) def;
                node = new SinkNode(name, k.topic(), k.topicExtractor());
            }
            byName.put(name, node);
        }
        for (AbstractNode node : byName.values()) {
            node.size = subtreeSize(builder, node.name);
        }
        for (String name : names) {
            AbstractNode node = Objects.requireNonNull(byName.get(name));
            for (String p : Objects.requireNonNull(builder.nodes().get(name)).parents()) {
                AbstractNode parent = Objects.requireNonNull(byName.get(p), p);
                node.predecessors.add(parent);
                parent.successors.add(node);
            }
        }
        Set<Node> sorted = new TreeSet<>(ORDER);
        sorted.addAll(byName.values());
        return new SubtopologyImpl(id, Collections.unmodifiableSet(sorted));
    }

    private static int subtreeSize(InternalTopologyBuilder builder, String name) {
        int size = 1;
        for (String child : builder.childrenOf(name)) {
            size += subtreeSize(builder, child);
        }
        return size;
    }

    @Override
    public Set<Subtopology> subtopologies() {
        return subtopologies;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Topologies:\n ");
        for (Subtopology s : subtopologies) {
            sb.append("  ").append(s);
        }
        return sb.toString();
    }

    @Override
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart TD\n");
        List<String> edges = new ArrayList<>();
        Set<String> topics = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        for (Subtopology s : subtopologies) {
            sb.append("  subgraph sub")
                    .append(s.id())
                    .append("[\"Sub-topology ")
                    .append(s.id())
                    .append("\"]\n");
            for (Node n : s.nodes()) {
                sb.append("    ")
                        .append(id("n", n.name()))
                        .append("[\"")
                        .append(n.name())
                        .append("\"]\n");
                for (Node succ : n.successors()) {
                    edges.add(id("n", n.name()) + " --> " + id("n", succ.name()));
                }
                if (n instanceof Source src) {
                    for (String t : src.topicSet()) {
                        topics.add(t);
                        edges.add(id("t", t) + " --> " + id("n", n.name()));
                    }
                } else if (n instanceof Processor p) {
                    for (String st : p.stores()) {
                        stores.add(st);
                        edges.add(id("n", n.name()) + " --- " + id("s", st));
                    }
                } else if (n instanceof Sink k) {
                    String fixed = k.topic();
                    String t = fixed != null ? fixed : "(topic chosen per record)";
                    topics.add(t);
                    edges.add(id("n", n.name()) + " --> " + id("t", t));
                }
            }
            sb.append("  end\n");
        }
        for (String t : topics) {
            sb.append("  ").append(id("t", t)).append("([\"").append(t).append("\"])\n");
        }
        for (String st : stores) {
            sb.append("  ").append(id("s", st)).append("[(\"").append(st).append("\")]\n");
        }
        for (String e : edges) {
            sb.append("  ").append(e).append('\n');
        }
        return sb.toString();
    }

    private static String id(String prefix, String name) {
        StringBuilder sb = new StringBuilder(prefix).append('_');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.append('_').append(Integer.toHexString(name.hashCode())).toString();
    }

    private record SubtopologyImpl(int id, Set<Node> nodes) implements Subtopology {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Sub-topology: ").append(id).append('\n');
            for (Node n : nodes) {
                sb.append("    ").append(n).append('\n');
            }
            return sb.append('\n').toString();
        }
    }

    private abstract static class AbstractNode implements Node {
        final String name;
        final Set<Node> predecessors = new TreeSet<>(ORDER);
        final Set<Node> successors = new TreeSet<>(ORDER);
        int size = 1;

        AbstractNode(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        static String names(Set<Node> nodes) {
            if (nodes.isEmpty()) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(n.name());
            }
            return sb.toString();
        }
    }

    private static final class SourceNode extends AbstractNode implements Source {
        private final Set<String> topics;

        SourceNode(String name, Set<String> topics) {
            super(name);
            this.topics = Collections.unmodifiableSet(topics);
        }

        @Override
        public Set<String> topicSet() {
            return topics;
        }

        @Override
        public String toString() {
            return "Source: " + name + " (topics: " + topics + ")\n      --> " + names(successors);
        }
    }

    private static final class ProcessorNodeDescription extends AbstractNode implements Processor {
        private final Set<String> stores;

        ProcessorNodeDescription(String name, Set<String> stores) {
            super(name);
            this.stores = Collections.unmodifiableSet(stores);
        }

        @Override
        public Set<String> stores() {
            return stores;
        }

        @Override
        public String toString() {
            return "Processor: " + name + " (stores: " + stores + ")\n      --> " + names(successors) + "\n      <-- "
                    + names(predecessors);
        }
    }

    private static final class SinkNode extends AbstractNode implements Sink {
        private final @Nullable String topic;
        private final @Nullable TopicNameExtractor<?, ?> extractor;

        SinkNode(String name, @Nullable String topic, @Nullable TopicNameExtractor<?, ?> extractor) {
            super(name);
            this.topic = topic;
            this.extractor = extractor;
        }

        @Override
        public @Nullable String topic() {
            return topic;
        }

        @Override
        public @Nullable TopicNameExtractor<?, ?> topicNameExtractor() {
            return extractor;
        }

        @Override
        public String toString() {
            String target = topic != null ? "topic: " + topic : "extractor class: " + extractor;
            return "Sink: " + name + " (" + target + ")\n      <-- " + names(predecessors);
        }
    }
}
