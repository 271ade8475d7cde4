/** Benchmarks of the record batch format: building and reading batches, Runnel beside Apache Kafka. */
@NullMarked
package io.runnel.bench.records;

import org.jspecify.annotations.NullMarked;
