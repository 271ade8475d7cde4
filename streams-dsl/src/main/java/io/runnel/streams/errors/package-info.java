/** Exceptions and error handlers of Runnel Streams. */
@NullMarked
package io.runnel.streams.errors;

import org.jspecify.annotations.NullMarked;
