/** Record headers, as Kafka's {@code org.apache.kafka.common.header} package. */
@NullMarked
package io.runnel.streams.header;

import org.jspecify.annotations.NullMarked;
