package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.internal.rocksdb.RocksDBDatabase;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;

/** Corrupt directories, locked directories, native leaks and the config hook. */
@NullUnmarked // JUnit injects the @TempDir field
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RocksDBFailureTest {
    @TempDir
    Path dir;

    private final RecordingChangelog changelog = new RecordingChangelog();

    private KeyValueStore<String, String> openKv(StateManager context) {
        return TestStores.init(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("kv"), Serdes.String(), Serdes.String())
                        .build(),
                context);
    }

    @Test
    void shouldNameStoreAndDirectoryWhenDirectoryIsCorrupt() throws IOException {
        StateManager context = TestStores.context(dir, changelog, 0);
        openKv(context).put("a", "1");
        context.close();
        Path storeDir = dir.resolve("rocksdb").resolve("kv");
        Files.writeString(storeDir.resolve("CURRENT"), "garbage-without-newline");

        StateManager reopened = TestStores.context(dir, changelog, 0);

        assertThatThrownBy(() -> openKv(reopened))
                .isInstanceOf(CorruptStateStoreException.class)
                .hasMessageContaining("'kv'")
                .hasMessageContaining(storeDir.toString())
                .hasMessageContaining("restored from its")
                .satisfies(e ->
                        assertThat(((CorruptStateStoreException) e).directory()).isEqualTo(storeDir));
    }

    @Test
    void shouldRestoreFromChangelogWhenCorruptStoreIsWiped() throws IOException {
        StateManager context = TestStores.context(dir, changelog, 0);
        openKv(context).put("a", "1");
        context.changelogOffsetsWritten(changelog.endOffsets());
        context.close();
        Files.writeString(dir.resolve("rocksdb").resolve("kv").resolve("CURRENT"), "garbage");
        StateManager reopened = TestStores.context(dir, changelog, 0);
        assertThatThrownBy(() -> openKv(reopened)).isInstanceOf(CorruptStateStoreException.class);

        reopened.wipeStore("kv");
        KeyValueStore<String, String> store = openKv(reopened);
        reopened.restore("kv", changelog, 10);

        assertThat(store.get("a")).isEqualTo("1");
        reopened.close();
    }

    @Test
    void shouldFailWithStoreNameWhenDirectoryIsLocked() {
        StateManager first = TestStores.context(dir, changelog, 0);
        openKv(first);
        StateManager second = TestStores.context(dir, changelog, 0);

        assertThatThrownBy(() -> openKv(second))
                .isInstanceOf(ProcessorStateException.class)
                .hasMessageContaining("'kv'")
                .hasMessageContaining(dir.toString());
        first.close();
    }

    @Test
    void shouldReleaseEveryNativeObjectWhenStoresAreOpenedAndClosedInALoop() {
        long baseline = RocksDBDatabase.liveNativeObjects();
        int baselineStores = TestStores.MEMORY.openStores();

        for (int i = 0; i < 40; i++) {
            StateManager context = TestStores.context(dir.resolve("loop-" + i), changelog, 0);
            KeyValueStore<String, String> kv = openKv(context);
            WindowStore<String, String> window = TestStores.init(
                    Stores.windowStoreBuilder(
                                    Stores.persistentWindowStore(
                                            "w", Duration.ofMinutes(2), Duration.ofSeconds(1), false),
                                    Serdes.String(),
                                    Serdes.String())
                            .withCachingEnabled()
                            .build(),
                    context);
            for (int j = 0; j < 50; j++) {
                kv.put("k" + j, "v");
                window.put("k" + j, "v", j * 10_000L);
            }
            assertThat(kv.all().hasNext()).isTrue(); // left open on purpose: closing the store must close it
            assertThat(window.fetchAll(0, Long.MAX_VALUE).hasNext()).isTrue();
            context.close();
        }

        assertThat(RocksDBDatabase.liveNativeObjects()).isEqualTo(baseline);
        assertThat(TestStores.MEMORY.openStores()).isEqualTo(baselineStores);
        assertThat(TestStores.MEMORY.pinnedUsage()).isLessThan(TestStores.MEMORY.totalBytes());
    }

    @Test
    void shouldCallConfigSetterWhenOpeningAndClosing() {
        java.util.List<String> calls = new java.util.ArrayList<>();
        RocksDBConfigSetter setter = new RocksDBConfigSetter() {
            @Override
            public void setConfig(String storeName, Options options, java.util.Map<String, Object> configs) {
                calls.add("set " + storeName + " " + configs.get("app"));
                options.setMaxWriteBufferNumber(2);
            }

            @Override
            public void close(String storeName, Options options) {
                calls.add("close " + storeName);
            }
        };
        StateManager context = StateManager.builder("0_1", dir, TestStores.MEMORY)
                .rocksDBConfigSetter(setter)
                .appConfigs(java.util.Map.of("app", "x"))
                .build();

        openKv(context).put("a", "b");
        context.close();

        assertThat(calls).containsExactly("set kv x", "close kv");
    }
}
