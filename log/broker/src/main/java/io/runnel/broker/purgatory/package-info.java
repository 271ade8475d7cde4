/** Delayed operations (fetch long-polls, acks=all produces) waiting in a purgatory driven by a hashed timer wheel. */
@NullMarked
package io.runnel.broker.purgatory;

import org.jspecify.annotations.NullMarked;
