package io.runnel.storage;

/**
 * What an append did.
 *
 * @param firstOffset the offset of the first appended record
 * @param lastOffset the offset of the last appended record
 * @param maxTimestamp the largest record timestamp appended (the log append time under {@code LogAppendTime})
 * @param offsetOfMaxTimestamp the offset of the record carrying {@code maxTimestamp}
 * @param logAppendTime the broker time stamped on the batches, or -1 under {@code CreateTime}
 * @param recordCount records appended
 * @param validBytes bytes appended
 * @param logStartOffset the log start offset after the append
 */
public record LogAppendInfo(
        long firstOffset,
        long lastOffset,
        long maxTimestamp,
        long offsetOfMaxTimestamp,
        long logAppendTime,
        long recordCount,
        int validBytes,
        long logStartOffset) {}
