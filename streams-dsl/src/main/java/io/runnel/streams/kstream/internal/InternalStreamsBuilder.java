package io.runnel.streams.kstream.internal;

import io.runnel.streams.processor.internal.InternalTopologyBuilder;

/**
 * The DSL's side of topology building: hands out Kafka's generated node and store names from one counter, in the
 * order Kafka does, and adds nodes to the {@link InternalTopologyBuilder} as DSL calls are made. Not thread-safe.
 */
public final class InternalStreamsBuilder {
    private final InternalTopologyBuilder topology;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topology) {
        this.topology = topology;
    }

    public InternalTopologyBuilder topology() {
        return topology;
    }

    /** {@code prefix} followed by the next index, ten digits: {@code KSTREAM-FILTER-0000000001}. */
    public String newProcessorName(String prefix) {
        return prefix + String.format("%010d", index++);
    }

    /** {@code prefix + "STATE-STORE-"} followed by the next index: {@code KSTREAM-AGGREGATE-STATE-STORE-0000000003}. */
    public String newStoreName(String prefix) {
        return prefix + "STATE-STORE-" + String.format("%010d", index++);
    }
}
