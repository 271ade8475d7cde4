/** The Processor API (Kafka Streams' {@code processor.api}): processors, their context and records. */
@NullMarked
package io.runnel.streams.processor.api;

import org.jspecify.annotations.NullMarked;
