package io.runnel.state.testsupport;

import io.runnel.state.RecordCache;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateManager;
import io.runnel.state.StateStore;
import java.nio.file.Path;

/** Shared fixtures of the state-store tests: one small RocksDB budget for the test JVM, and task contexts. */
public final class TestStores {
    /** One budget for every test, as one per process in production; never closed (the JVM exits). */
    public static final RocksDBMemory MEMORY = RocksDBMemory.create(64L * 1024 * 1024, 0.5);

    private TestStores() {}

    /** A task context over {@code dir} with a recording changelog and a cache of {@code cacheBytes}. */
    public static StateManager context(Path dir, RecordingChangelog changelog, long cacheBytes) {
        return StateManager.builder("0_0", dir, MEMORY)
                .changelogWriter(changelog)
                .recordCache(new RecordCache(cacheBytes))
                .build();
    }

    /** Initialises {@code store} in {@code context} and returns it. */
    public static <S extends StateStore> S init(S store, StateManager context) {
        store.init(context, store);
        return store;
    }
}
