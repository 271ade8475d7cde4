/** Topology building and the task code that runs a topology; used by the runtime, never by applications. */
@NullMarked
package io.runnel.streams.processor.internal;

import org.jspecify.annotations.NullMarked;
