/** Streams: {@link io.runnel.streams.Topology}, {@link io.runnel.streams.StreamsConfig} and the DSL entry point, in the shape of Kafka Streams' {@code org.apache.kafka.streams} package. */
@NullMarked
package io.runnel.streams;

import org.jspecify.annotations.NullMarked;
