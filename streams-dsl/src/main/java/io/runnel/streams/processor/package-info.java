/** Processor-level types shared by the Processor API and the DSL: timestamps, punctuation, task ids. */
@NullMarked
package io.runnel.streams.processor;

import org.jspecify.annotations.NullMarked;
