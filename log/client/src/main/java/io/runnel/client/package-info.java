/**
 * Runnel's own clients, in the shape of Apache Kafka's {@code kafka-clients}: {@code producer}, {@code consumer},
 * {@code admin}, {@code serialization} and {@code header}. Shared types: {@link io.runnel.client.Node}, {@link
 * io.runnel.client.PartitionInfo} and the common configuration keys in {@link io.runnel.client.CommonClientConfigs}.
 */
@NullMarked
package io.runnel.client;

import org.jspecify.annotations.NullMarked;
