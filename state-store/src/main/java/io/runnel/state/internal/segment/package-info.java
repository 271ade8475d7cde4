/**
 * Time-segmented storage under window and session stores: a store's data is split into segments of a fixed time
 * interval, so that retention drops a whole segment at once (one RocksDB column family, or one in-memory map).
 */
@NullMarked
package io.runnel.state.internal.segment;

import org.jspecify.annotations.NullMarked;
