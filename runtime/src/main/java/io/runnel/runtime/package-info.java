/**
 * Running topologies: {@link io.runnel.runtime.RunnelStreams} runs one on the log (a cluster, or a broker it embeds),
 * Kafka's {@code KafkaStreams} counterpart; the deterministic {@link io.runnel.runtime.TopologyTestDriver} runs the
 * same {@code StreamTask}s with no broker, for applications' unit tests.
 */
@NullMarked
package io.runnel.runtime;

import org.jspecify.annotations.NullMarked;
