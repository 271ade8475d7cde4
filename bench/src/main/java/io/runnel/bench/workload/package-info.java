/**
 * The data every benchmark uses: 100-byte record values of Zipf-distributed words, batches of a target size built by
 * Runnel and by Apache Kafka, and Zipf samplers for lookups. Fixed seeds, so every run measures the same bytes.
 */
@NullMarked
package io.runnel.bench.workload;

import org.jspecify.annotations.NullMarked;
