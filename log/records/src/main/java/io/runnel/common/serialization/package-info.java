/**
 * Serializers and deserializers for keys and values, shared by the clients, the state stores and the Streams DSL, as
 * Kafka's {@code org.apache.kafka.common.serialization}: {@link io.runnel.common.serialization.Serdes} has the
 * built-in ones. A JSON serde on Jackson is {@code io.runnel.common.serialization.JsonSerde}.
 */
@NullMarked
package io.runnel.common.serialization;

import org.jspecify.annotations.NullMarked;
