/** The consumer's internals: fetcher and partition state. Not for users. */
@NullMarked
package io.runnel.client.consumer.internal;

import org.jspecify.annotations.NullMarked;
