/**
 * The consumer group benchmark: how long a group of Kafka's own {@code KafkaConsumer}s (classic protocol) takes to be
 * stable again after a member leaves or joins, and how many offset commits per second one member gets, against
 * Runnel's broker and Apache Kafka's in the same run. Entry point: {@link io.runnel.bench.group.GroupRebalanceComparison}.
 */
@NullMarked
package io.runnel.bench.group;

import org.jspecify.annotations.NullMarked;
