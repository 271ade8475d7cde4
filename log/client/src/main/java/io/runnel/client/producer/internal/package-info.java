/** The producer's internals: accumulator, buffer pool, sender. Not for users. */
@NullMarked
package io.runnel.client.producer.internal;

import org.jspecify.annotations.NullMarked;
