/**
 * The partition log: {@link io.runnel.storage.Log} stores one partition as segments of record batches with offset
 * and time indexes, recovers them after a crash, and applies retention; {@link io.runnel.storage.LogManager} runs
 * many logs over one or more directories with background retention, cleaning and flushing. No networking here.
 */
@NullMarked
package io.runnel.storage;

import org.jspecify.annotations.NullMarked;
