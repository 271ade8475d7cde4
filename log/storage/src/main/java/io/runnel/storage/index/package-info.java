/** The sparse, memory-mapped offset and time indexes of a log segment. */
@NullMarked
package io.runnel.storage.index;

import org.jspecify.annotations.NullMarked;
