/** Turns JMH result files into the side-by-side Markdown tables of {@code docs/benchmarks.md}. */
@NullMarked
package io.runnel.bench.report;

import org.jspecify.annotations.NullMarked;
