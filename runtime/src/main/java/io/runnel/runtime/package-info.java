/**
 * Running topologies. For now: the deterministic {@link io.runnel.runtime.TopologyTestDriver}, which runs the same
 * {@code StreamTask}s a broker-backed runtime will run, with no broker, for applications' unit tests.
 */
@NullMarked
package io.runnel.runtime;

import org.jspecify.annotations.NullMarked;
