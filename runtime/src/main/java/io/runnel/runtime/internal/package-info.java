/**
 * How {@link io.runnel.runtime.RunnelStreams} runs a topology: stream threads and the tasks they own, the record
 * collector, internal topics, the state directory, restoration, offset commits, task assignment and the embedded
 * broker. Not for applications.
 */
@NullMarked
package io.runnel.runtime.internal;

import org.jspecify.annotations.NullMarked;
