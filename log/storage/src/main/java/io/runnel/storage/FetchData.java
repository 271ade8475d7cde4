package io.runnel.storage;

import io.runnel.records.FileRecords;

/**
 * The result of a log read: a region of a segment file, ready to send with zero copy, and the log's bounds when it
 * was read.
 *
 * @param records whole batches starting with the one that holds the requested offset (possibly none); the first
 *     batch may begin before the requested offset, and readers skip records below it, as Kafka's do
 * @param logStartOffset the first offset in the log
 * @param logEndOffset the offset the next record will get
 */
public record FetchData(FileRecords records, long logStartOffset, long logEndOffset) {}
