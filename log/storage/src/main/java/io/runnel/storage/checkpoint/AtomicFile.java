package io.runnel.storage.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Replaces a file's contents so that a crash leaves either the old or the new file, never a mix: the contents go to
 * {@code <name>.tmp}, are forced to disk, the temporary file is renamed over the file atomically, and the directory
 * is forced so the rename is durable. The checkpoint files and the producer-state snapshots are written this way.
 *
 * <p>The steps are also available one by one, for a writer that forces the temporary file outside a lock and renames
 * it under the lock. Leftover {@code .tmp} files of a crash are the caller's to delete (the log loader deletes those in
 * partition directories). Not thread-safe for one file: writers of the same file must be serialised.
 */
public final class AtomicFile {
    /** The suffix of the temporary file a write goes to first. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {}

    /**
     * Replaces {@code file}'s contents with the remaining bytes of {@code contents} (read, not consumed).
     *
     * @throws IOException if any step fails; {@code file} then still holds its old contents (or does not exist)
     */
    public static void write(Path file, ByteBuffer contents) throws IOException {
        Path tmp = writeTemp(file, contents);
        replace(tmp, file);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Writes the remaining bytes of {@code contents} (read, not consumed) to {@code <file>.tmp} and forces them to
     * disk; {@link #replace} then puts the file in place.
     *
     * @return the temporary file
     */
    public static Path writeTemp(Path file, ByteBuffer contents) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = contents.duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        return tmp;
    }

    /** Renames {@code tmp} over {@code file} atomically. The rename is durable once the directory is forced. */
    public static void replace(Path tmp, Path file) throws IOException {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces a directory's entries (a rename, a deletion) to disk. */
    public static void forceDirectory(@Nullable Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
