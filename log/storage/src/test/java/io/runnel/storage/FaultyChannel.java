package io.runnel.storage;

import io.runnel.records.FileRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel that behaves like a disk with {@code budget} free bytes: a write that does not fit writes what fits,
 * then fails with "No space left on device", as a real full disk does.
 */
final class FaultyChannel extends FileChannel {
    private final FileChannel delegate;
    private final AtomicLong budget;

    private FaultyChannel(FileChannel delegate, AtomicLong budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    /** An opener whose channels share one budget of free bytes. */
    static FileRecords.ChannelOpener opener(AtomicLong budget) {
        return file -> new FaultyChannel(FileRecords.ChannelOpener.DEFAULT.open(file), budget);
    }

    private int limited(ByteBuffer src, IoWrite write) throws IOException {
        long free = budget.get();
        if (free <= 0) {
            throw new IOException("No space left on device");
        }
        if (src.remaining() <= free) {
            int n = write.apply(src);
            budget.addAndGet(-n);
            return n;
        }
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + (int) free);
        int n = write.apply(part);
        src.position(src.position() + n);
        budget.addAndGet(-n);
        throw new IOException("No space left on device");
    }

    @FunctionalInterface
    private interface IoWrite {
        int apply(ByteBuffer buffer) throws IOException;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return limited(src, b -> delegate.write(b, position));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return limited(src, delegate::write);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new IOException("transferFrom is not used by the log");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
