/**
 * The Kafka wire protocol as Runnel speaks it: size-prefixed frames ({@link io.runnel.protocol.Frames}), request and
 * response headers, the {@link io.runnel.protocol.ApiKey} table of APIs at one version each, and the entry points
 * that turn a frame into a header and a body and back ({@link io.runnel.protocol.RequestCodec},
 * {@link io.runnel.protocol.ResponseCodec}). Message bodies live in {@code io.runnel.protocol.message}, primitive types
 * in {@code io.runnel.protocol.types}, error codes in {@code io.runnel.protocol.errors}. See docs/protocol.md.
 */
@NullMarked
package io.runnel.protocol;

import org.jspecify.annotations.NullMarked;
