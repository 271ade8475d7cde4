/**
 * The side-by-side broker comparison: Apache Kafka's broker and Runnel's, each in a child JVM on loopback, loaded by
 * Kafka's own producer and consumer performance tools. Entry point: {@link io.runnel.bench.broker.BrokerComparison}.
 */
@NullMarked
package io.runnel.bench.broker;

import org.jspecify.annotations.NullMarked;
