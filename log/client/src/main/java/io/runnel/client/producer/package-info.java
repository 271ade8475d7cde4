/** The producer: {@link io.runnel.client.producer.RunnelProducer} behind {@link io.runnel.client.producer.Producer}. */
@NullMarked
package io.runnel.client.producer;

import org.jspecify.annotations.NullMarked;
