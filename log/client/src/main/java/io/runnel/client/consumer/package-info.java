/** The consumer: {@link io.runnel.client.consumer.RunnelConsumer} behind {@link io.runnel.client.consumer.Consumer}. */
@NullMarked
package io.runnel.client.consumer;

import org.jspecify.annotations.NullMarked;
