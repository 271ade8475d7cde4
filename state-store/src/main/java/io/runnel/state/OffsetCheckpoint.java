package io.runnel.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The checkpoint file of a task's persistent stores: for each store, the changelog offset up to which its local
 * files are complete. A clean restart restores from the offset after it; a missing entry restores from the start.
 *
 * <p>Format (text, UTF-8), after Kafka's {@code .checkpoint}:
 *
 * <pre>
 * 0                      version
 * 2                      number of entries
 * counts 1041            store name, space, offset
 * sessions 77
 * </pre>
 *
 * Written atomically: to {@code <file>.tmp}, fsync, rename over the file, fsync the directory. A reader sees the old
 * file or the new one, never a torn one. Not thread-safe: one owner per file.
 */
public final class OffsetCheckpoint {
    private static final int VERSION = 0;

    private final Path file;

    public OffsetCheckpoint(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Replaces the file's content with {@code offsets}. */
    public void write(Map<String, Long> offsets) {
        StringBuilder text = new StringBuilder()
                .append(VERSION)
                .append('\n')
                .append(offsets.size())
                .append('\n');
        for (Map.Entry<String, Long> entry : new TreeMap<>(offsets).entrySet()) {
            if (entry.getKey().contains(" ") || entry.getKey().contains("\n")) {
                throw new IllegalArgumentException("store name must not contain whitespace: '" + entry.getKey() + "'");
            }
            text.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "checkpoint directory");
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new ProcessorStateException("Cannot write the checkpoint file " + file, e);
        }
    }

    /**
     * The offsets in the file; empty if there is no file.
     *
     * @throws ProcessorStateException if the file cannot be read or is malformed
     */
    public Map<String, Long> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new ProcessorStateException("Cannot read the checkpoint file " + file, e);
        }
        try {
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw malformed("unknown version or truncated header");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (lines.size() != count + 2) {
                throw malformed("expected " + count + " entries but found " + (lines.size() - 2));
            }
            Map<String, Long> offsets = new TreeMap<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] parts = line.split(" ");
                if (parts.length != 2) {
                    throw malformed("bad entry '" + line + "'");
                }
                offsets.put(parts[0], Long.parseLong(parts[1]));
            }
            return offsets;
        } catch (NumberFormatException e) {
            throw malformed(String.valueOf(e.getMessage()));
        }
    }

    /** Deletes the file, if any. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ProcessorStateException("Cannot delete the checkpoint file " + file, e);
        }
    }

    private ProcessorStateException malformed(String reason) {
        return new ProcessorStateException("Malformed checkpoint file " + file + ": " + reason);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for fsync; the rename is still atomic there.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
