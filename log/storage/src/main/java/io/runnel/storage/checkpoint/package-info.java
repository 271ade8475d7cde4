/** Checkpoint files: per-partition offsets written atomically. */
@NullMarked
package io.runnel.storage.checkpoint;

import org.jspecify.annotations.NullMarked;
