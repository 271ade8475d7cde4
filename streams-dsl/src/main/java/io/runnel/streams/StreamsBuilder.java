package io.runnel.streams;

import io.runnel.state.StoreBuilder;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.internal.InternalStreamsBuilder;
import io.runnel.streams.kstream.internal.SourceStreams;
import io.runnel.streams.processor.internal.InternalTopologyBuilder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The DSL's entry point: create streams from topics, chain operations, then {@link #build()} the {@link Topology}.
 * Each DSL call adds its nodes at once, so a mistake (a topic read twice, a store named twice) fails at the call.
 *
 * <p>Not thread-safe. A builder builds one topology: {@link #build()} returns the same instance each time.
 */
public class StreamsBuilder {
    private final InternalTopologyBuilder internalTopology = new InternalTopologyBuilder();
    private final InternalStreamsBuilder internal = new InternalStreamsBuilder(internalTopology);
    private final Topology topology = new Topology(internalTopology);

    public StreamsBuilder() {}

    /** A stream of {@code topic}, read with the config's default serdes and timestamp extractor. */
    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(Objects.requireNonNull(topic, "topic cannot be null")), Consumed.with(null, null));
    }

    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(Objects.requireNonNull(topic, "topic cannot be null")), consumed);
    }

    /** One stream of several topics (a single source node). */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        return SourceStreams.stream(internal, topics, consumed);
    }

    /** Adds a store that {@code process}/{@code processValues} can then name. */
    public synchronized StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        internalTopology.addStateStore(builder, List.of());
        return this;
    }

    /** The topology built so far. */
    public synchronized Topology build() {
        return topology;
    }
}
