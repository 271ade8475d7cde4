/**
 * JSON through Jackson for user types ({@link io.runnel.client.serialization.JsonSerde}). The built-in serdes are in
 * {@code io.runnel.common.serialization.Serdes}.
 */
@NullMarked
package io.runnel.client.serialization;

import org.jspecify.annotations.NullMarked;
