/** Key-value stores: RocksDB, sorted in-memory, LRU map; and the caching, logging and typed layers over them. */
@NullMarked
package io.runnel.state.internal.kv;

import org.jspecify.annotations.NullMarked;
