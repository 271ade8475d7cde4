/** Log segments: a file of record batches with its offset and time indexes. */
@NullMarked
package io.runnel.storage.segment;

import org.jspecify.annotations.NullMarked;
