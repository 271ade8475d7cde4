package io.runnel.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File helpers for storage tests. */
public final class TestFiles {
    private TestFiles() {}

    /** Deletes a directory tree. */
    public static void deleteAll(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
