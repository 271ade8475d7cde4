/** Small value types shared across modules, as Kafka's {@code org.apache.kafka.common.utils}. */
@NullMarked
package io.runnel.common.utils;

import org.jspecify.annotations.NullMarked;
