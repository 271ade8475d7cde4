/**
 * Kafka's record batch format v2: {@link io.runnel.records.RecordBatchBuilder} writes batches,
 * {@link io.runnel.records.RecordBatch} and {@link io.runnel.records.RecordCursor} read them in place,
 * {@link io.runnel.records.MemoryRecords} and {@link io.runnel.records.FileRecords} hold sequences of batches in
 * memory and in a file. The bytes are the same on disk and on the wire.
 */
@NullMarked
package io.runnel.records;

import org.jspecify.annotations.NullMarked;
