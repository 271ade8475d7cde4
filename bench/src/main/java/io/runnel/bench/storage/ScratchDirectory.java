package io.runnel.bench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory that exists for one benchmark log and is deleted, with everything in it, on {@link #close()}. Holds a
 * partition directory named {@code bench-0}, as both logs require {@code <topic>-<partition>}.
 */
final class ScratchDirectory implements AutoCloseable {
    private final Path root;

    private ScratchDirectory(Path root) {
        this.root = root;
    }

    static ScratchDirectory create(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        return new ScratchDirectory(Files.createTempDirectory(parent, prefix + "-"));
    }

    /** {@code <root>/bench-0}, not yet created. */
    Path partitionDir() {
        return root.resolve("bench-0");
    }

    /** Deletes the directory tree. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
