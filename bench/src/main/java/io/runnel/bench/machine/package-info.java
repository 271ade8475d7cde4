/** This machine's limits (memory copy and fdatasync write bandwidth), the yardsticks the log benchmarks are judged against. */
@NullMarked
package io.runnel.bench.machine;

import org.jspecify.annotations.NullMarked;
