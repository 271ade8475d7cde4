package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Write through the logging layer, wipe the store, restore from the recorded changelog, compare. */
@NullUnmarked // JUnit injects the @TempDir field
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestoreTest {
    @TempDir
    Path dir;

    private final RecordingChangelog changelog = new RecordingChangelog();

    private static <K, V> List<KeyValue<K, V>> contents(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static KeyValueStore<String, String> kv(KeyValueBytesStoreSupplier supplier, boolean cached) {
        StoreBuilder<KeyValueStore<String, String>> b =
                Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.String());
        return cached ? b.withCachingEnabled().build() : b.build();
    }

    private void writeRandom(KeyValueStore<String, String> store, StateManager context) {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            context.setTimestamp(i);
            String key = "k" + random.nextInt(500);
            if (random.nextInt(10) == 0) {
                store.delete(key);
            } else {
                store.put(key, "v" + i);
            }
        }
    }

    @Test
    void shouldRebuildSameContentWhenWipedAndRestored() throws IOException {
        StateManager context = TestStores.context(dir, changelog, 64 * 1024);
        KeyValueStore<String, String> store =
                TestStores.init(kv(Stores.persistentKeyValueStore("counts"), true), context);
        writeRandom(store, context);
        store.flush();
        List<KeyValue<String, String>> expected = contents(store.all());
        context.close();
        deleteTree(dir);

        StateManager fresh = TestStores.context(dir, changelog, 64 * 1024);
        KeyValueStore<String, String> restored =
                TestStores.init(kv(Stores.persistentKeyValueStore("counts"), true), fresh);
        long applied = fresh.restore("counts", changelog, 100);

        assertThat(applied).isEqualTo(changelog.records("counts").size());
        assertThat(contents(restored.all())).isEqualTo(expected);
        fresh.close();
    }

    @Test
    void shouldRestoreNothingWhenRestartingCleanly() {
        StateManager context = TestStores.context(dir, changelog, 0);
        KeyValueStore<String, String> store =
                TestStores.init(kv(Stores.persistentKeyValueStore("counts"), false), context);
        writeRandom(store, context);
        context.changelogOffsetsWritten(changelog.endOffsets());
        context.close();

        StateManager restarted = TestStores.context(dir, changelog, 0);
        KeyValueStore<String, String> reopened =
                TestStores.init(kv(Stores.persistentKeyValueStore("counts"), false), restarted);
        long applied = restarted.restore("counts", changelog, 100);

        assertThat(applied).isZero();
        assertThat(restarted.checkpointedOffset("counts"))
                .hasValue(changelog.records("counts").size() - 1L);
        assertThat(reopened.get("k1")).isNotNull();
        restarted.close();
    }

    @Test
    void shouldKeepLastCheckpointWhenClosedDirty() {
        StateManager context = TestStores.context(dir, changelog, 64 * 1024);
        KeyValueStore<String, String> store =
                TestStores.init(kv(Stores.persistentKeyValueStore("counts"), false), context);
        store.put("a", "1");
        context.changelogOffsetsWritten(Map.of("counts", 0L));
        context.checkpoint();
        store.put("b", "2");
        context.changelogOffsetsWritten(Map.of("counts", 1L));

        context.closeDirty();

        assertThat(new OffsetCheckpoint(dir.resolve(".checkpoint")).read()).containsEntry("counts", 0L);
        assertThat(store.isOpen()).isFalse();
    }

    @Test
    void shouldRestoreInMemoryStoreFromStartWhenCheckpointExists() {
        StateManager context = TestStores.context(dir, changelog, 0);
        KeyValueStore<String, String> store = TestStores.init(kv(Stores.inMemoryKeyValueStore("mem"), false), context);
        writeRandom(store, context);
        List<KeyValue<String, String>> expected = contents(store.all());
        context.changelogOffsetsWritten(changelog.endOffsets());
        context.close();

        StateManager restarted = TestStores.context(dir, changelog, 0);
        KeyValueStore<String, String> restored =
                TestStores.init(kv(Stores.inMemoryKeyValueStore("mem"), false), restarted);
        restarted.restore("mem", changelog, 64);

        assertThat(contents(restored.all())).isEqualTo(expected);
        restarted.close();
    }

    @Test
    void shouldRebuildWindowsAndSessionsWhenRestored() throws IOException {
        StateManager context = TestStores.context(dir, changelog, 1024);
        WindowStore<String, String> windows = TestStores.init(
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore("w", Duration.ofMinutes(3), Duration.ofSeconds(1), true),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingEnabled(Map.of())
                        .build(),
                context);
        SessionStore<String, String> sessions = TestStores.init(
                Stores.sessionStoreBuilder(
                                Stores.persistentSessionStore("s", Duration.ofMinutes(3)),
                                Serdes.String(),
                                Serdes.String())
                        .withCachingEnabled()
                        .build(),
                context);
        for (int i = 0; i < 600; i++) {
            windows.put("k" + (i % 7), "v" + i, i * 1000L);
            sessions.put(new Windowed<>("k" + (i % 5), new Window(i * 1000L, i * 1000L + 500)), "s" + i);
        }
        context.checkpoint();
        List<KeyValue<Windowed<String>, String>> expectedWindows = contents(windows.all());
        List<KeyValue<Windowed<String>, String>> expectedSessions = contents(sessions.fetch(null, null));
        context.close();
        deleteTree(dir);

        StateManager fresh = TestStores.context(dir, changelog, 1024);
        WindowStore<String, String> restoredWindows = TestStores.init(
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore("w", Duration.ofMinutes(3), Duration.ofSeconds(1), true),
                                Serdes.String(),
                                Serdes.String())
                        .build(),
                fresh);
        SessionStore<String, String> restoredSessions = TestStores.init(
                Stores.sessionStoreBuilder(
                                Stores.persistentSessionStore("s", Duration.ofMinutes(3)),
                                Serdes.String(),
                                Serdes.String())
                        .build(),
                fresh);
        fresh.restore("w", changelog, 50);
        fresh.restore("s", changelog, 50);

        assertThat(expectedWindows).isNotEmpty();
        assertThat(contents(restoredWindows.all())).isEqualTo(expectedWindows);
        assertThat(contents(restoredSessions.fetch(null, null))).isEqualTo(expectedSessions);
        fresh.close();
    }

    @Test
    void shouldWriteCheckpointAtomicallyAndReadItBack() {
        OffsetCheckpoint checkpoint = new OffsetCheckpoint(dir.resolve("sub").resolve(".checkpoint"));

        checkpoint.write(Map.of("a", 5L, "b", 0L));

        assertThat(checkpoint.read()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 5L, "b", 0L));
        assertThat(Files.exists(dir.resolve("sub").resolve(".checkpoint.tmp"))).isFalse();
    }

    @Test
    void shouldRejectMalformedCheckpointWithFileName() throws IOException {
        Path file = dir.resolve(".checkpoint");
        Files.writeString(file, "0\n2\na 1\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OffsetCheckpoint(file).read())
                .isInstanceOf(ProcessorStateException.class)
                .hasMessageContaining(file.toString());
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(root)) {
                    Files.delete(p);
                }
            }
        }
    }
}
