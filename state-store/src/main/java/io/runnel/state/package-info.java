/**
 * State stores for stream processing: the public API, in the shape of Kafka Streams'
 * {@code org.apache.kafka.streams.state} package so that store code ports by changing imports.
 *
 * <p>Stores are built as decorators over byte-level stores ({@link io.runnel.state.Bytes} keys, {@code byte[]}
 * values): a typed facade with {@link io.runnel.state.Serde}s, then an optional record cache, then optional change
 * logging, then RocksDB or an in-memory store. {@link io.runnel.state.Stores} is the entry point.
 */
@NullMarked
package io.runnel.state;

import org.jspecify.annotations.NullMarked;
