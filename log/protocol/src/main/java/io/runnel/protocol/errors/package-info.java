/**
 * Kafka's error codes ({@link io.runnel.protocol.errors.Errors}) and the exceptions the protocol layer adds to
 * {@code io.runnel.common.errors}: malformed bytes ({@link io.runnel.protocol.errors.InvalidRequestException}), an API
 * or version Runnel does not speak ({@link io.runnel.protocol.errors.UnsupportedVersionException}), and carriers for
 * codes without a dedicated type.
 */
@NullMarked
package io.runnel.protocol.errors;

import org.jspecify.annotations.NullMarked;
