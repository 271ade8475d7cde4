/**
 * The group coordinator: Kafka's classic consumer groups (membership, rebalances, committed offsets) kept in the
 * compacted {@code __consumer_offsets} topic. {@link io.runnel.broker.group.GroupCoordinator} is the state machine,
 * {@link io.runnel.broker.group.CoordinatorRuntime} runs it on its thread, {@link io.runnel.broker.group.GroupApis}
 * is what the request handlers call.
 */
@NullMarked
package io.runnel.broker.group;

import org.jspecify.annotations.NullMarked;
