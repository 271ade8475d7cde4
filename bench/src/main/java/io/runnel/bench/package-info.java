/** Benchmarks and runnable tours of Runnel, measured side by side with Apache Kafka. */
@NullMarked
package io.runnel.bench;

import org.jspecify.annotations.NullMarked;
