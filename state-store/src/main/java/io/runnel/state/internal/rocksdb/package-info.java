/** RocksDB storage: one database per store, column families per time segment, and the options that bound memory. */
@NullMarked
package io.runnel.state.internal.rocksdb;

import org.jspecify.annotations.NullMarked;
