package io.runnel.bench.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sequential write bandwidth of the file system under a directory, from Java, the way a log segment is written: a new
 * file grown by {@link FileChannel#write} of {@code chunkBytes} at a time, either left to the page cache or followed
 * by {@link FileChannel#force force(false)} ({@code fdatasync}) after every chunk. The file is deleted afterwards.
 *
 * <p>The data is random, not zeros, so that no layer below can shortcut it.
 */
final class SequentialWriteBandwidth {
    private final Path directory;
    private final long totalBytes;
    private final int chunkBytes;

    SequentialWriteBandwidth(Path directory, long totalBytes, int chunkBytes) {
        if (chunkBytes <= 0 || totalBytes < chunkBytes) {
            throw new IllegalArgumentException(
                    "totalBytes must be >= chunkBytes > 0: " + totalBytes + ", " + chunkBytes);
        }
        this.directory = directory;
        this.totalBytes = totalBytes;
        this.chunkBytes = chunkBytes;
    }

    /** Writes with {@code fdatasync} after every chunk; the time includes every sync. */
    Bandwidth withFdatasync() throws IOException {
        return write(chunkBytes);
    }

    /**
     * Writes chunks and calls {@code fdatasync} each time at least {@code syncBytes} were written since the last one,
     * as a log flushed every MiB does with its batches. When the chunk size does not divide the page size, each sync
     * ends inside a page, which the next sync writes again.
     */
    Bandwidth withFdatasyncEvery(int syncBytes) throws IOException {
        if (syncBytes <= 0) {
            throw new IllegalArgumentException("syncBytes must be > 0: " + syncBytes);
        }
        return write(syncBytes);
    }

    /** Writes into the page cache only; the time stops when the last write returns. */
    Bandwidth pageCacheOnly() throws IOException {
        return write(0);
    }

    /** {@code syncBytes}: fdatasync once that many bytes were written since the last sync; 0 for never. */
    private Bandwidth write(int syncBytes) throws IOException {
        boolean sync = syncBytes > 0;
        ByteBuffer chunk = ByteBuffer.allocateDirect(chunkBytes);
        SplittableRandom random = new SplittableRandom(3);
        while (chunk.remaining() >= Long.BYTES) {
            chunk.putLong(random.nextLong());
        }
        Path file = Files.createTempFile(directory, "machine-limits-", ".bin");
        long written = 0;
        long unsynced = 0;
        long nanos;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            while (written < totalBytes) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    int n = channel.write(chunk);
                    written += n;
                    unsynced += n;
                }
                if (sync && unsynced >= syncBytes) {
                    channel.force(false);
                    unsynced = 0;
                }
            }
            nanos = System.nanoTime() - start;
        } finally {
            Files.deleteIfExists(file);
        }
        String chunkText =
                chunkBytes % 1024 == 0 ? (chunkBytes >> 10) + " KiB" : String.format(Locale.ROOT, "%,d B", chunkBytes);
        if (sync && syncBytes != chunkBytes) {
            return new Bandwidth(
                    "write " + chunkText + " + fdatasync every " + (syncBytes >> 10) + " KiB (Java)",
                    written,
                    nanos,
                    "FileChannel.write of " + chunkText + ", force(false) per " + (syncBytes >> 10) + " KiB, new file");
        }
        return sync
                ? new Bandwidth(
                        "write + fdatasync every " + chunkText + " (Java)",
                        written,
                        nanos,
                        "FileChannel.write + force(false), new file")
                : new Bandwidth(
                        "write to page cache, no sync (Java)",
                        written,
                        nanos,
                        "FileChannel.write of " + chunkText + ", new file, best of 2");
    }
}
