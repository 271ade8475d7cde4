/**
 * Runnel's producer and consumer ({@code runnel-client}) against Apache Kafka's ({@code kafka-clients} 4.4.0), each
 * against both brokers in the same run: records/s and bytes allocated per record ({@code -prof gc}). The broker runs
 * in a child JVM, so the allocation the profiler counts is the client's alone. Run through
 * {@code bench/client-compare.sh}.
 */
@NullMarked
package io.runnel.bench.client;

import org.jspecify.annotations.NullMarked;
