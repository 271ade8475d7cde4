/** Serializers and deserializers for keys and values: {@link io.runnel.client.serialization.Serdes} has the built-in ones. */
@NullMarked
package io.runnel.client.serialization;

import org.jspecify.annotations.NullMarked;
