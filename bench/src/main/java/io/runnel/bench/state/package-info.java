/** JMH benchmarks of the state stores, beside raw rocksdbjni and Kafka Streams' RocksDB stores. */
@NullMarked
package io.runnel.bench.state;

import org.jspecify.annotations.NullMarked;
