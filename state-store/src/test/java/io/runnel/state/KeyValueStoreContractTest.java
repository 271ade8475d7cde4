package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import io.runnel.state.testsupport.TimestampedAsPlain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every key-value store and layering passes. */
@NullUnmarked // tests pass nulls on purpose
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyValueStoreContractTest {

    /** Every implementation and layering under test. */
    enum Flavor {
        ROCKSDB(false, false, Stores::persistentKeyValueStore),
        IN_MEMORY(false, false, Stores::inMemoryKeyValueStore),
        LRU_MAP(false, false, name -> Stores.lruMap(name, 10_000)),
        ROCKSDB_LOGGED(true, false, Stores::persistentKeyValueStore),
        ROCKSDB_CACHED(false, true, Stores::persistentKeyValueStore),
        ROCKSDB_CACHED_LOGGED(true, true, Stores::persistentKeyValueStore),
        IN_MEMORY_CACHED_LOGGED(true, true, Stores::inMemoryKeyValueStore),
        ROCKSDB_TINY_CACHE(true, true, Stores::persistentKeyValueStore),
        ROCKSDB_TIMESTAMPED_CACHED_LOGGED(true, true, Stores::persistentTimestampedKeyValueStore),
        IN_MEMORY_TIMESTAMPED(false, false, Stores::inMemoryKeyValueStore);

        final boolean logged;
        final boolean cached;
        final Function<String, KeyValueBytesStoreSupplier> supplier;

        Flavor(boolean logged, boolean cached, Function<String, KeyValueBytesStoreSupplier> supplier) {
            this.logged = logged;
            this.cached = cached;
            this.supplier = supplier;
        }

        <T extends StateStore> StoreBuilder<T> layers(StoreBuilder<T> builder) {
            StoreBuilder<T> b = logged ? builder : builder.withLoggingDisabled();
            return cached ? b.withCachingEnabled() : b;
        }

        boolean timestamped() {
            return name().contains("TIMESTAMPED");
        }

        KeyValueStore<String, String> open(StateManager context) {
            if (timestamped()) {
                return TestStores.init(
                        new TimestampedAsPlain(layers(Stores.timestampedKeyValueStoreBuilder(
                                        supplier.apply("store"), Serdes.String(), Serdes.String()))
                                .build()),
                        context);
            }
            KeyValueStore<String, String> store = layers(
                            Stores.keyValueStoreBuilder(supplier.apply("store"), Serdes.String(), Serdes.String()))
                    .build();
            return TestStores.init(store, context);
        }

        long cacheBytes() {
            return this == ROCKSDB_TINY_CACHE ? 300 : 1024 * 1024;
        }
    }

    @TempDir
    Path dir;

    private final RecordingChangelog changelog = new RecordingChangelog();
    private StateManager context;
    private KeyValueStore<String, String> store;

    private KeyValueStore<String, String> open(Flavor flavor) {
        context = TestStores.context(dir, changelog, flavor.cacheBytes());
        store = flavor.open(context);
        return store;
    }

    @AfterEach
    void closeStore() {
        if (context != null) {
            context.close();
        }
    }

    private static List<String> keys(KeyValueIterator<String, String> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key()));
        }
        return keys;
    }

    private void putAll(String... keys) {
        for (String key : keys) {
            store.put(key, "v-" + key);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldReturnValueWhenKeyWasPut(Flavor flavor) {
        open(flavor);

        store.put("a", "1");
        store.put("a", "2");

        assertThat(store.get("a")).isEqualTo("2");
        assertThat(store.get("missing")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldDeleteWhenValueIsNull(Flavor flavor) {
        open(flavor);
        store.put("a", "1");

        store.put("a", null);

        assertThat(store.get("a")).isNull();
        assertThat(keys(store.all())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldReturnPreviousValueWhenDeleting(Flavor flavor) {
        open(flavor);
        store.put("a", "1");

        assertThat(store.delete("a")).isEqualTo("1");
        assertThat(store.delete("a")).isNull();
        assertThat(store.get("a")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldPutOnlyWhenAbsent(Flavor flavor) {
        open(flavor);

        assertThat(store.putIfAbsent("a", "1")).isNull();
        assertThat(store.putIfAbsent("a", "2")).isEqualTo("1");

        assertThat(store.get("a")).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldPutEveryEntryWhenPuttingAll(Flavor flavor) {
        open(flavor);

        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3")));

        assertThat(store.get("a")).isEqualTo("3");
        assertThat(store.get("b")).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldIterateInByteOrderWhenScanningAll(Flavor flavor) {
        open(flavor);
        putAll("b", "a", "aa", "", "c", "B");

        assertThat(keys(store.all())).containsExactly("", "B", "a", "aa", "b", "c");
        assertThat(keys(store.reverseAll())).containsExactly("c", "b", "aa", "a", "B", "");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldIncludeBothBoundsWhenScanningRange(Flavor flavor) {
        open(flavor);
        putAll("a", "b", "c", "d", "e");

        assertThat(keys(store.range("b", "d"))).containsExactly("b", "c", "d");
        assertThat(keys(store.reverseRange("b", "d"))).containsExactly("d", "c", "b");
        assertThat(keys(store.range("bb", "cc"))).containsExactly("c");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldTreatNullBoundsAsOpenWhenScanningRange(Flavor flavor) {
        open(flavor);
        putAll("a", "b", "c");

        assertThat(keys(store.range(null, "b"))).containsExactly("a", "b");
        assertThat(keys(store.range("b", null))).containsExactly("b", "c");
        assertThat(keys(store.reverseRange(null, "b"))).containsExactly("b", "a");
        assertThat(keys(store.reverseRange("b", null))).containsExactly("c", "b");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldReturnNothingWhenRangeIsInverted(Flavor flavor) {
        open(flavor);
        putAll("a", "b", "c");

        assertThat(keys(store.range("c", "a"))).isEmpty();
        assertThat(keys(store.reverseRange("c", "a"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldReturnKeysWithPrefixWhenPrefixScanning(Flavor flavor) {
        open(flavor);
        putAll("a", "ab", "abc", "abd", "ac", "b");

        assertThat(keys(store.prefixScan("ab", Serdes.String().serializer()))).containsExactly("ab", "abc", "abd");
        assertThat(keys(store.prefixScan("", Serdes.String().serializer())))
                .containsExactly("a", "ab", "abc", "abd", "ac", "b");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldNotReturnDeletedKeysWhenScanning(Flavor flavor) {
        open(flavor);
        putAll("a", "b", "c");
        store.flush();

        store.delete("b");

        assertThat(keys(store.all())).containsExactly("a", "c");
        assertThat(keys(store.reverseRange("a", "c"))).containsExactly("c", "a");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldStoreEmptyKeyAndEmptyValueWhenGiven(Flavor flavor) {
        open(flavor);

        store.put("", "");

        assertThat(store.get("")).isEqualTo("");
        assertThat(keys(store.all())).containsExactly("");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldRejectNullKeyWithClearMessage(Flavor flavor) {
        open(flavor);

        assertThatThrownBy(() -> store.put(null, "v"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.get(null)).hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.delete(null)).hasMessage("key cannot be null");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldThrowInvalidStateStoreWhenClosed(Flavor flavor) {
        open(flavor);
        store.put("a", "1");

        store.close();

        assertThat(store.isOpen()).isFalse();
        assertThatThrownBy(() -> store.get("a"))
                .isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> store.put("a", "2")).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.all()).isInstanceOf(InvalidStateStoreException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldKeepValuesWhenFlushed(Flavor flavor) {
        open(flavor);
        for (int i = 0; i < 200; i++) {
            store.put("k" + i, "v" + i);
        }

        store.flush();

        assertThat(store.get("k7")).isEqualTo("v7");
        assertThat(keys(store.all())).hasSize(200);
        assertThat(store.approximateNumEntries()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldSeeSnapshotOrLaterStateWhenWritingDuringIteration(Flavor flavor) {
        open(flavor);
        putAll("a", "b", "c");

        try (KeyValueIterator<String, String> it = store.all()) {
            assertThat(it.peekNextKey()).isEqualTo("a");
            store.put("d", "4");
            List<String> seen = new ArrayList<>();
            it.forEachRemaining(kv -> seen.add(kv.key()));
            assertThat(seen).startsWith("a", "b", "c");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB_LOGGED", "ROCKSDB_CACHED_LOGGED", "IN_MEMORY_CACHED_LOGGED"})
    void shouldLogEveryChangeWhenLogged(Flavor flavor) {
        open(flavor);
        context.setTimestamp(42);

        store.put("a", "1");
        store.delete("a");
        store.flush();

        List<ChangelogRecord> records = changelog.records("store");
        assertThat(records).isNotEmpty();
        ChangelogRecord last = records.get(records.size() - 1);
        assertThat(new String(last.key().get())).isEqualTo("a");
        assertThat(last.value()).isNull();
        assertThat(last.timestamp()).isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB_CACHED_LOGGED", "IN_MEMORY_CACHED_LOGGED"})
    void shouldLogOnlyLastUpdateWhenCachedBetweenFlushes(Flavor flavor) {
        open(flavor);
        List<String> forwarded = new ArrayList<>();
        ((CachedStateStore<String, String>) store)
                .setFlushListener((k, v, old, ts) -> forwarded.add(k + "=" + v + "/" + old), true);
        store.put("a", "1");
        store.flush();

        store.put("a", "2");
        store.put("a", "3");
        store.put("b", "x");
        store.delete("b");
        store.flush();

        assertThat(changelog.records("store")).hasSize(3);
        assertThat(forwarded).containsExactly("a=1/null", "a=3/1", "b=null/null");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldOfferReadOnlyViewWhenQueried(Flavor flavor) {
        open(flavor);
        putAll("a", "b");

        ReadOnlyKeyValueStore<String, String> view = ReadOnlyViews.of(store);

        assertThat(view).isNotInstanceOf(KeyValueStore.class);
        assertThat(view.get("a")).isEqualTo("v-a");
        assertThat(keys(view.range("a", "b"))).containsExactly("a", "b");
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "ROCKSDB_CACHED_LOGGED"})
    void shouldKeepDataWhenReopened(Flavor flavor) {
        open(flavor);
        putAll("a", "b");
        context.close();

        context = TestStores.context(dir, changelog, flavor.cacheBytes());
        store = flavor.open(context);

        assertThat(keys(store.all())).containsExactly("a", "b");
        assertThat(store.get("b")).isEqualTo("v-b");
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "IN_MEMORY"})
    void shouldCarryTimestampWhenTimestamped(Flavor flavor) {
        context = TestStores.context(dir, changelog, 0);
        TimestampedKeyValueStore<String, Long> timestamped = TestStores.init(
                Stores.timestampedKeyValueStoreBuilder(flavor.supplier.apply("ts"), Serdes.String(), Serdes.Long())
                        .withLoggingDisabled()
                        .build(),
                context);

        timestamped.put("a", ValueAndTimestamp.make(7L, 1000));

        assertThat(timestamped.get("a")).isEqualTo(new ValueAndTimestamp<>(7L, 1000));
        assertThat(ValueAndTimestamp.getValueOrNull(timestamped.get("b"))).isNull();
        assertThat(Map.of("a", timestamped.get("a").timestamp())).containsEntry("a", 1000L);
    }
}
