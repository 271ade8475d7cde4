package io.runnel.streams;

import io.runnel.streams.processor.TopicNameExtractor;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a {@link Topology}: its sub-topologies and their nodes. {@code toString()} prints Kafka's text form
 * (so tools and habits that read it keep working); {@link #toMermaid()} draws the same graph as a Mermaid flowchart.
 */
public interface TopologyDescription {

    /** The sub-topologies, ordered by id. */
    Set<Subtopology> subtopologies();

    /**
     * A Mermaid {@code flowchart TD}: one subgraph per sub-topology, topics as stadium nodes, stores as cylinders,
     * and dotted edges from a sink to the source that reads its topic.
     */
    String toMermaid();

    /** Nodes connected directly or through a shared store; one task per input partition runs each. */
    interface Subtopology {
        int id();

        /** The nodes, ordered as Kafka prints them: larger sub-trees first, then by name. */
        Set<Node> nodes();
    }

    /** A node of the graph. */
    interface Node {
        String name();

        Set<Node> predecessors();

        Set<Node> successors();
    }

    /** Reads topics. */
    interface Source extends Node {
        Set<String> topicSet();
    }

    /** Runs a processor, with access to the named stores. */
    interface Processor extends Node {
        Set<String> stores();
    }

    /** Writes to a topic, fixed or chosen per record. */
    interface Sink extends Node {
        /** The topic, or null when a {@link TopicNameExtractor} chooses it. */
        @Nullable
        String topic();

        @Nullable
        TopicNameExtractor<?, ?> topicNameExtractor();
    }
}
