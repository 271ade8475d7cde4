package io.runnel.storage;

import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The format of a producer-state snapshot file, {@code <offset>.snapshot} in the partition directory (the offset
 * zero-padded to 20 digits, Kafka's naming): the state of the idempotent producers as of that offset, that is, after
 * every batch below it and none at or after it. Big-endian, like Kafka's snapshots, but with every batch a producer
 * keeps rather than only its last, so that a retry of any of its last {@value ProducerStateManager#BATCHES_KEPT}
 * batches is still recognised after a restart:
 *
 * <pre>
 *   offset  size  field
 *   0       2     version (int16), 1
 *   2       4     CRC-32C (uint32) of every byte from offset 6 to the end of the file
 *   6       4     producer count n (int32)
 *   10      ...   n producers, by ascending producer id:
 *                   8  producer id (int64)
 *                   2  producer epoch (int16)
 *                   1  batch count b (int8), 1 to 5
 *                   b batches, oldest first, 32 bytes each:
 *                     4  first sequence (int32)
 *                     4  last sequence (int32)
 *                     8  first offset (int64)
 *                     8  last offset (int64)
 *                     8  max timestamp (int64)
 * </pre>
 *
 * <p>A file is rejected (as {@link CorruptSnapshotException}) if it is shorter than its header, has another version,
 * fails its CRC, holds a count or offset that cannot be right (a batch at or past the snapshot's offset, offsets or
 * counts out of range) or has bytes after the last producer. Written through {@link
 * io.runnel.storage.checkpoint.AtomicFile}. Stateless.
 */
final class ProducerSnapshotFile {
    static final String SUFFIX = ".snapshot";
    static final short VERSION = 1;

    private static final int HEADER_BYTES = 10;
    private static final int CRC_START = 6;
    private static final int PRODUCER_BYTES = 11;
    private static final int BATCH_BYTES = 32;

    private ProducerSnapshotFile() {}

    /** A snapshot file that cannot be used; the message says why. */
    static final class CorruptSnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String message) {
            super(message);
        }
    }

    /** The file of the snapshot at {@code offset} in {@code dir}. */
    static Path path(Path dir, long offset) {
        return dir.resolve(LogSegment.fileName(offset, SUFFIX));
    }

    /** The offset a snapshot file's name encodes, or -1 if the name is not a snapshot file's. */
    static long parseOffset(String fileName) {
        return fileName.endsWith(SUFFIX) && fileName.length() == 20 + SUFFIX.length()
                ? LogSegment.parseBaseOffset(fileName)
                : -1L;
    }

    /** The bytes of a snapshot holding {@code entries}. */
    static ByteBuffer encode(List<ProducerStateManager.Entry> entries) {
        int size = HEADER_BYTES;
        for (ProducerStateManager.Entry entry : entries) {
            size += PRODUCER_BYTES + BATCH_BYTES * entry.batches().size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerStateManager.Entry entry : entries) {
            buffer.putLong(entry.producerId()).putShort(entry.epoch()).put((byte)
                    entry.batches().size());
            for (ProducerStateManager.BatchMetadata batch : entry.batches()) {
                buffer.putInt(batch.firstSequence())
                        .putInt(batch.lastSequence())
                        .putLong(batch.firstOffset())
                        .putLong(batch.lastOffset())
                        .putLong(batch.timestamp());
            }
        }
        buffer.flip();
        buffer.putInt(2, (int) crc(buffer));
        return buffer;
    }

    /**
     * Reads the snapshot file at {@code offset}.
     *
     * @throws CorruptSnapshotException if the file is not a valid snapshot of that offset
     * @throws IOException if the file cannot be read
     */
    static List<ProducerStateManager.Entry> read(Path file, long offset) throws IOException, CorruptSnapshotException {
        return decode(ByteBuffer.wrap(Files.readAllBytes(file)), offset);
    }

    /**
     * The entries of a snapshot at {@code offset}.
     *
     * @throws CorruptSnapshotException if {@code bytes} are not a valid snapshot of that offset
     */
    static List<ProducerStateManager.Entry> decode(ByteBuffer bytes, long offset) throws CorruptSnapshotException {
        ByteBuffer buffer = bytes.duplicate();
        if (buffer.remaining() < HEADER_BYTES) {
            throw new CorruptSnapshotException(
                    "it has " + buffer.remaining() + " bytes, fewer than the " + HEADER_BYTES + "-byte header");
        }
        short version = buffer.getShort(buffer.position());
        if (version != VERSION) {
            throw new CorruptSnapshotException("unknown version " + version + "; this broker reads " + VERSION);
        }
        long stored = Integer.toUnsignedLong(buffer.getInt(buffer.position() + 2));
        long computed = crc(buffer);
        if (stored != computed) {
            throw new CorruptSnapshotException("stored crc " + stored + ", computed crc " + computed);
        }
        buffer.position(buffer.position() + CRC_START);
        int count = buffer.getInt();
        if (count < 0 || (long) count * (PRODUCER_BYTES + BATCH_BYTES) > buffer.remaining()) {
            throw new CorruptSnapshotException(
                    "producer count " + count + " does not fit in " + buffer.remaining() + " bytes");
        }
        List<ProducerStateManager.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(readEntry(buffer, offset));
        }
        if (buffer.hasRemaining()) {
            throw new CorruptSnapshotException(buffer.remaining() + " bytes follow the last producer");
        }
        return entries;
    }

    private static ProducerStateManager.Entry readEntry(ByteBuffer buffer, long offset)
            throws CorruptSnapshotException {
        if (buffer.remaining() < PRODUCER_BYTES) {
            throw new CorruptSnapshotException("a producer is cut off");
        }
        long producerId = buffer.getLong();
        short epoch = buffer.getShort();
        int batchCount = buffer.get();
        if (batchCount < 1
                || batchCount > ProducerStateManager.BATCHES_KEPT
                || buffer.remaining() < batchCount * BATCH_BYTES) {
            throw new CorruptSnapshotException("producer " + producerId + " has " + batchCount + " batches");
        }
        List<ProducerStateManager.BatchMetadata> batches = new ArrayList<>(batchCount);
        for (int b = 0; b < batchCount; b++) {
            ProducerStateManager.BatchMetadata batch = new ProducerStateManager.BatchMetadata(
                    buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong(), buffer.getLong());
            if (batch.firstOffset() < 0 || batch.lastOffset() < batch.firstOffset() || batch.lastOffset() >= offset) {
                throw new CorruptSnapshotException("producer " + producerId + " has a batch at offsets "
                        + batch.firstOffset() + " to " + batch.lastOffset() + " in a snapshot of offset " + offset);
            }
            batches.add(batch);
        }
        return new ProducerStateManager.Entry(producerId, epoch, batches);
    }

    /** The CRC-32C of the buffer's bytes from {@link #CRC_START} (after the CRC field) to its limit. */
    private static long crc(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = buffer.duplicate();
        covered.position(buffer.position() + CRC_START);
        crc.update(covered);
        return crc.getValue();
    }
}
