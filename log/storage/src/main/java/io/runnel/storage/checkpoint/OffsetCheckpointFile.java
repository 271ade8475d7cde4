package io.runnel.storage.checkpoint;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of per-partition offsets in a log directory, as Kafka writes {@code recovery-point-offset-checkpoint},
 * {@code log-start-offset-checkpoint} and {@code cleaner-offset-checkpoint}:
 *
 * <pre>
 *   0                      version
 *   2                      number of entries
 *   orders 0 1200          topic, partition, offset: one line each
 *   orders 1 980
 * </pre>
 *
 * <p>A write goes through {@link AtomicFile}: {@code <name>.tmp}, forced to disk, renamed over the file atomically, the
 * directory forced, so a crash leaves either the old or the new file, never a mix. Thread-safe: writes and reads are serialised.
 */
public final class OffsetCheckpointFile {
    private static final int VERSION = 0;

    private final Path file;

    public OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Replaces the file's contents with {@code offsets}.
     *
     * @throws StorageException if the file cannot be written
     */
    public synchronized void write(Map<TopicPartition, Long> offsets) {
        StringBuilder text = new StringBuilder();
        text.append(VERSION).append('\n').append(offsets.size()).append('\n');
        for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
            text.append(entry.getKey().topic())
                    .append(' ')
                    .append(entry.getKey().partition())
                    .append(' ')
                    .append(entry.getValue())
                    .append('\n');
        }
        try {
            AtomicFile.write(file, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new StorageException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The offsets in the file; empty if the file does not exist.
     *
     * @throws StorageException if the file exists but is malformed or unreadable
     */
    public synchronized Map<TopicPartition, Long> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw malformed("unknown version or missing header");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count < 0 || lines.size() < 2 + count) {
                throw malformed("expected " + count + " entries, found " + (lines.size() - 2));
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String[] parts = lines.get(2 + i).trim().split(" ");
                if (parts.length != 3) {
                    throw malformed("line " + (3 + i) + " is not 'topic partition offset'");
                }
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return offsets;
        } catch (NumberFormatException e) {
            throw malformed("a number does not parse: " + e.getMessage());
        } catch (IOException e) {
            throw new StorageException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private StorageException malformed(String reason) {
        return new StorageException("malformed checkpoint file " + file + ": " + reason);
    }
}
