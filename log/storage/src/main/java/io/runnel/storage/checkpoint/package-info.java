/**
 * Checkpoint files: per-partition offsets, and {@link io.runnel.storage.checkpoint.AtomicFile}, the crash-safe
 * replace (temporary file, fsync, atomic rename) that every checkpoint and producer-state snapshot is written with.
 */
@NullMarked
package io.runnel.storage.checkpoint;

import org.jspecify.annotations.NullMarked;
