package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Record batches in a file, or in a region of one. The file is the wire format: a region is sent to a socket with
 * {@link #writeTo} ({@link FileChannel#transferTo}, zero copy) and iterated with {@link #batches()} by reading batch
 * headers only.
 *
 * <h2>Concurrency</h2>
 *
 * <p>One writer appends and truncates (the log holds its partition lock for that); any number of threads read,
 * using positional reads that never move the channel's position. {@link #sizeInBytes()} is published with a volatile
 * write after the bytes are written, so a reader never sees a size that covers unwritten bytes.
 *
 * <h2>Ownership</h2>
 *
 * <p>The instance from {@link #open} owns its channel and closes it; slices share it and own nothing: closing a slice
 * does nothing.
 */
public final class FileRecords implements Records, Closeable {
    private final FileChannel channel;
    private final int start;
    private final boolean isSlice;
    private volatile Path file;
    private volatile int size;

    private FileRecords(Path file, FileChannel channel, int start, int end, boolean isSlice) {
        this.file = file;
        this.channel = channel;
        this.start = start;
        this.isSlice = isSlice;
        this.size = end - start;
    }

    /**
     * Opens (or creates) a file of record batches for reading and appending; appends go to the end.
     *
     * @throws IOException if the file cannot be opened, or is larger than 2 GiB
     */
    public static FileRecords open(Path file) throws IOException {
        return open(file, ChannelOpener.DEFAULT);
    }

    /**
     * As {@link #open(Path)}, with the channel from {@code opener}: the seam through which tests inject disk faults.
     */
    public static FileRecords open(Path file, ChannelOpener opener) throws IOException {
        FileChannel channel = opener.open(file);
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            channel.close();
            throw new IOException("segment file " + file + " is " + length + " bytes, more than 2 GiB");
        }
        return new FileRecords(file, channel, 0, (int) length, false);
    }

    public Path file() {
        return file;
    }

    public FileChannel channel() {
        return channel;
    }

    /** The absolute position of this region in the file. */
    public int startPosition() {
        return start;
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    /** Reads this region into a new heap buffer. */
    @Override
    public MemoryRecords toMemoryRecords() {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            readFully(buffer, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + this, e);
        }
        return MemoryRecords.wrap(buffer.flip());
    }

    /**
     * Appends whole batches at the end of the file with one positional write (repeated only if the OS writes
     * partially). Owned by the single writer.
     *
     * @return the number of bytes written
     * @throws IOException on a write error; the size is unchanged, and the caller truncates to it to drop any bytes
     *     that reached the file
     */
    public int append(ByteBuffer batches) throws IOException {
        checkWritable();
        int length = batches.remaining();
        if ((long) size + length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "appending " + length + " bytes to " + file + " of " + size + " bytes would exceed 2 GiB");
        }
        ByteBuffer source = batches.duplicate();
        long position = size;
        while (source.hasRemaining()) {
            position += channel.write(source, position);
        }
        size += length;
        return length;
    }

    /** Forces written bytes to the device ({@code fdatasync}). */
    public void flush() throws IOException {
        channel.force(false);
    }

    /**
     * Cuts the file to {@code targetSize} bytes. Owned by the single writer.
     *
     * @return bytes removed
     */
    public int truncateTo(int targetSize) throws IOException {
        checkWritable();
        if (targetSize < 0 || targetSize > size) {
            throw new IllegalArgumentException("cannot truncate " + file + " of " + size + " bytes to " + targetSize);
        }
        int removed = size - targetSize;
        if (channel.size() > targetSize) {
            channel.truncate(targetSize);
        }
        size = targetSize;
        return removed;
    }

    /**
     * A read-only region of this file, from {@code position} (relative to this region) for at most {@code length}
     * bytes, cut to the bytes present now.
     */
    public FileRecords slice(int position, int length) {
        int currentSize = size;
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("invalid slice: position " + position + ", length " + length);
        }
        int from = start + Math.min(position, currentSize);
        int to = (int) Math.min((long) start + currentSize, (long) from + length);
        return new FileRecords(file, channel, from, to, true);
    }

    /**
     * Sends bytes of this region to {@code destination} with {@link FileChannel#transferTo}, which the OS serves
     * without copying to user space.
     *
     * @param offset where to start, relative to this region
     * @param length most bytes to send
     * @return bytes sent, possibly fewer than asked if the destination is not ready
     */
    public long writeTo(WritableByteChannel destination, long offset, int length) throws IOException {
        long available = Math.max(0, size - offset);
        long count = Math.min(length, available);
        return channel.transferTo(start + offset, count, destination);
    }

    /**
     * Reads bytes at {@code position} (relative to this region) into {@code destination} until it is full.
     *
     * @throws EOFException if the region ends first
     */
    public void readFully(ByteBuffer destination, int position) throws IOException {
        long filePosition = (long) start + position;
        int wanted = destination.remaining();
        if ((long) position + wanted > size) {
            throw new EOFException("read of " + wanted + " bytes at " + position + " passes the end of " + file + " ("
                    + size + " bytes)");
        }
        while (destination.hasRemaining()) {
            int n = channel.read(destination, filePosition);
            if (n < 0) {
                throw new EOFException("unexpected end of " + file + " at " + filePosition);
            }
            filePosition += n;
        }
    }

    /** The batches of this region, from its start. */
    public Iterable<FileBatch> batches() {
        return batchesFrom(0);
    }

    /**
     * The batches from {@code position} (relative to this region), reading only each header. Iteration stops at the
     * end of the region or before a trailing partial batch.
     *
     * <p>The iterator throws {@link CorruptRecordException} if a header claims an impossible length, and {@link
     * java.io.UncheckedIOException} on a read error.
     */
    public Iterable<FileBatch> batchesFrom(int position) {
        return () -> new BatchIterator(position);
    }

    /**
     * Finds the first batch, at or after {@code startingPosition}, whose last offset is {@code >= targetOffset}.
     *
     * @return the batch, or null if there is none
     */
    public @Nullable FileBatch searchForOffset(long targetOffset, int startingPosition) {
        for (FileBatch batch : batchesFrom(startingPosition)) {
            if (batch.lastOffset() >= targetOffset) {
                return batch;
            }
        }
        return null;
    }

    /** Renames the file; the open channel stays valid. */
    public void renameTo(Path target) throws IOException {
        checkWritable();
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    /** Closes the channel, if this instance owns it. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!isSlice) {
            channel.close();
        }
    }

    /** Closes the channel and deletes the file. */
    public boolean deleteIfExists() throws IOException {
        close();
        return Files.deleteIfExists(file);
    }

    private void checkWritable() {
        if (isSlice) {
            throw new IllegalStateException("a slice of " + file + " is read-only");
        }
    }

    @Override
    public String toString() {
        return "FileRecords(file=" + file + ", start=" + start + ", size=" + size + ")";
    }

    /** Opens the channel of a segment file for reading and writing, creating the file if needed. */
    @FunctionalInterface
    public interface ChannelOpener {
        ChannelOpener DEFAULT = file ->
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

        FileChannel open(Path file) throws IOException;
    }

    private final class BatchIterator implements Iterator<FileBatch> {
        private final ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        private int position;
        private @Nullable FileBatch next;

        BatchIterator(int position) {
            this.position = position;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            int end = size;
            if (end - position < RecordBatch.HEADER_SIZE) {
                return false;
            }
            header.clear();
            try {
                readFully(header, position);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int batchSize = RecordBatch.sizeOf(header, 0);
            if (batchSize > end - position) {
                return false;
            }
            next = new FileBatch(FileRecords.this, position, batchSize, header);
            return true;
        }

        @Override
        public FileBatch next() {
            FileBatch batch = hasNext() ? next : null;
            if (batch == null) {
                throw new NoSuchElementException();
            }
            next = null;
            position += batch.sizeInBytes();
            return batch;
        }
    }
}
