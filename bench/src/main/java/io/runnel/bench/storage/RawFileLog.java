package io.runnel.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor under every log on this disk: each batch written to a new file with one {@link FileChannel#write} at the
 * end, and {@link FileChannel#force force(false)} ({@code fdatasync}) to flush. No validation, no offsets, no index,
 * no segments, no locks. A log's append is a {@code pwrite} of the batch plus its own work, so the ratio of a log's
 * throughput to this one, for the same batches and the same flush policy, is the share of the disk's write path the
 * log leaves to its data.
 */
final class RawFileLog implements AppendLog {
    private final ScratchDirectory directory;
    private final FileChannel channel;
    private long position;

    private RawFileLog(ScratchDirectory directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /** A new, empty file in a new directory under {@code parent}. */
    static RawFileLog create(Path parent) throws IOException {
        ScratchDirectory directory = ScratchDirectory.create(parent, "raw");
        try {
            Path partitionDir = Files.createDirectories(directory.partitionDir());
            FileChannel channel = FileChannel.open(
                    partitionDir.resolve("00000000000000000000.log"),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new RawFileLog(directory, channel);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    @Override
    public long append(ByteBuffer batches) throws IOException {
        long at = position;
        ByteBuffer view = batches.duplicate();
        while (view.hasRemaining()) {
            position += channel.write(view);
        }
        return at;
    }

    @Override
    public void flush() throws IOException {
        channel.force(false);
    }

    /** Closes the file, then deletes it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            directory.close();
        }
    }
}
