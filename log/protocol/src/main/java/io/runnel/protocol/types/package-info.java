/**
 * Kafka's primitive wire types: fixed-width integers, unsigned varints, compact (flexible-version) and classic strings,
 * arrays and bytes, UUIDs, record payloads and tagged-field sections. {@link io.runnel.protocol.types.ProtocolReader}
 * reads them with bounds checks that fail as {@link io.runnel.protocol.errors.InvalidRequestException};
 * {@link io.runnel.protocol.types.ProtocolWriter} writes them, passing record batches through by reference.
 */
@NullMarked
package io.runnel.protocol.types;

import org.jspecify.annotations.NullMarked;
