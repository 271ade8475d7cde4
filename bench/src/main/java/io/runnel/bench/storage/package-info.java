/** Benchmarks of the partition log on disk: appends with and without fsync, sequential reads, offset lookups. */
@NullMarked
package io.runnel.bench.storage;

import org.jspecify.annotations.NullMarked;
