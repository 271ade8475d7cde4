package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.serialization.Serdes;
import io.runnel.common.utils.Bytes;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every window store and layering passes. Retention 1000 ms, segments of 500 ms, windows of 10 ms. */
@NullUnmarked // tests pass nulls on purpose
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowStoreContractTest {
    static final long RETENTION = 1000;
    static final long WINDOW = 10;

    enum Flavor {
        ROCKSDB(true, false, false),
        IN_MEMORY(false, false, false),
        ROCKSDB_LOGGED(true, true, false),
        ROCKSDB_CACHED(true, false, true),
        ROCKSDB_CACHED_LOGGED(true, true, true),
        IN_MEMORY_CACHED_LOGGED(false, true, true);

        final boolean persistent;
        final boolean logged;
        final boolean cached;

        Flavor(boolean persistent, boolean logged, boolean cached) {
            this.persistent = persistent;
            this.logged = logged;
            this.cached = cached;
        }

        WindowBytesStoreSupplier supplier(String name, boolean duplicates) {
            return persistent
                    ? Stores.persistentWindowStore(
                            name, Duration.ofMillis(RETENTION), Duration.ofMillis(WINDOW), duplicates)
                    : Stores.inMemoryWindowStore(
                            name, Duration.ofMillis(RETENTION), Duration.ofMillis(WINDOW), duplicates);
        }

        WindowStore<String, String> open(StateManager context, boolean duplicates) {
            StoreBuilder<WindowStore<String, String>> builder =
                    Stores.windowStoreBuilder(supplier("win", duplicates), Serdes.String(), Serdes.String());
            builder = logged ? builder.withLoggingEnabled(java.util.Map.of()) : builder.withLoggingDisabled();
            if (cached) {
                builder = builder.withCachingEnabled();
            }
            return TestStores.init(builder.build(), context);
        }
    }

    @TempDir
    Path dir;

    private final RecordingChangelog changelog = new RecordingChangelog();
    private StateManager context;
    private WindowStore<String, String> store;

    private void open(Flavor flavor) {
        open(flavor, false);
    }

    private void open(Flavor flavor, boolean duplicates) {
        context = TestStores.context(dir, changelog, 1024 * 1024);
        store = flavor.open(context, duplicates);
    }

    @AfterEach
    void closeStore() {
        if (context != null) {
            context.close();
        }
    }

    private static List<String> windows(KeyValueIterator<Windowed<String>, String> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(
                    kv -> out.add(kv.key().key() + "@" + kv.key().window().start() + "=" + kv.value()));
        }
        return out;
    }

    private static List<Long> starts(WindowStoreIterator<String> it) {
        List<Long> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldFetchValueWhenPutAtWindowStart(Flavor flavor) {
        open(flavor);

        store.put("a", "1", 100);
        store.put("a", "2", 100);

        assertThat(store.fetch("a", 100)).isEqualTo("2");
        assertThat(store.fetch("a", 110)).isNull();
        assertThat(store.fetch("b", 100)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldFetchKeyWindowsInTimeOrderWhenRangeSpansSegments(Flavor flavor) {
        open(flavor);
        for (long t : new long[] {700, 100, 400, 550, 900}) {
            store.put("a", "v" + t, t);
        }
        store.put("b", "x", 400);
        store.put("aa", "y", 400);

        assertThat(starts(store.fetch("a", 100, 700))).containsExactly(100L, 400L, 550L, 700L);
        assertThat(starts(store.backwardFetch("a", 100, 700))).containsExactly(700L, 550L, 400L, 100L);
        assertThat(starts(store.fetch("a", 401, 549))).isEmpty();
        assertThat(starts(store.fetch("a", 400, 400))).containsExactly(400L);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldOrderByKeyThenTimeWhenKeyRangeIsInOneSegment(Flavor flavor) {
        open(flavor);
        store.put("b", "1", 100);
        store.put("a", "2", 200);
        store.put("c", "3", 600);
        store.put("a", "4", 700);
        store.put("d", "5", 100);

        assertThat(windows(store.fetch("a", "c", 0, 1000))).containsExactly("a@200=2", "a@700=4", "b@100=1", "c@600=3");
        assertThat(windows(store.backwardFetch("a", "c", 0, 1000)))
                .containsExactly("c@600=3", "b@100=1", "a@700=4", "a@200=2");
        assertThat(windows(store.fetch(null, "b", 150, 1000))).containsExactly("a@200=2", "a@700=4");
        assertThat(windows(store.fetchAll(0, 1000))).hasSize(5);
        assertThat(windows(store.all())).hasSize(5);
        assertThat(windows(store.backwardAll())).first().isEqualTo("d@100=5");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldFindShorterKeyWhenUpperKeyExtendsItWithZeroBytes(Flavor flavor) {
        open(flavor);
        String shortKey = "a";
        String longKey = "a\0\0\0\0\0\0\u0001";
        store.put(shortKey, "short", 1000);
        store.put(longKey, "long", 5);

        assertThat(windows(store.fetch(shortKey, longKey, 0, 2000)))
                .extracting(w -> w.substring(w.indexOf('=') + 1))
                .containsExactlyInAnyOrder("short", "long");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldDeleteWindowWhenValueIsNull(Flavor flavor) {
        open(flavor);
        store.put("a", "1", 100);
        store.flush();

        store.put("a", null, 100);

        assertThat(store.fetch("a", 100)).isNull();
        assertThat(windows(store.all())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldHideWindowsOlderThanRetentionWhenStreamTimeAdvances(Flavor flavor) {
        open(flavor);
        store.put("a", "old", 0);
        store.put("a", "edge", 1);

        store.put("b", "new", 1001);

        // min live time = 1001 - 1000 + 1 = 2: window 1 has just expired, 2 would not have.
        assertThat(store.fetch("a", 0)).isNull();
        assertThat(store.fetch("a", 1)).isNull();
        assertThat(starts(store.fetch("a", 0, 2000))).isEmpty();
        assertThat(windows(store.all())).containsExactly("b@1001=new");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldKeepWindowAtMinLiveTimeWhenStreamTimeAdvances(Flavor flavor) {
        open(flavor);
        store.put("a", "edge", 2);

        store.put("b", "new", 1001);

        assertThat(store.fetch("a", 2)).isEqualTo("edge");
        assertThat(starts(store.fetch("a", 0, 2000))).containsExactly(2L);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldDropPutWhenWindowIsAlreadyExpired(Flavor flavor) {
        open(flavor);
        store.put("b", "new", 5000);

        store.put("a", "late", 100);
        store.flush();

        assertThat(store.fetch("a", 100)).isNull();
        assertThat(windows(store.all())).containsExactly("b@5000=new");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldRejectBadArgumentsWithClearMessages(Flavor flavor) {
        open(flavor);

        assertThatThrownBy(() -> store.put(null, "v", 1)).hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.put("a", "v", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windowStartTime");
        assertThatThrownBy(() -> store.fetch(null, 0, 1)).hasMessage("key cannot be null");
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "IN_MEMORY", "ROCKSDB_LOGGED"})
    void shouldKeepEveryPutWhenRetainingDuplicates(Flavor flavor) {
        open(flavor, true);

        store.put("a", "1", 100);
        store.put("a", "2", 100);
        store.put("a", null, 100);

        assertThat(windows(store.fetch("a", "a", 0, 1000))).containsExactly("a@100=1", "a@100=2");
        assertThat(store.fetch("a", 100)).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "IN_MEMORY", "ROCKSDB_CACHED_LOGGED"})
    void shouldOrderBySegmentThenKeyWhenKeyRangeSpansSegments(Flavor flavor) {
        context = TestStores.context(dir, changelog, 1024 * 1024);
        StoreBuilder<WindowStore<String, String>> builder = Stores.windowStoreBuilder(
                        flavor.persistent
                                ? Stores.persistentWindowStore("w", Duration.ofMinutes(4), Duration.ofSeconds(1), false)
                                : Stores.inMemoryWindowStore("w", Duration.ofMinutes(4), Duration.ofSeconds(1), false),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled();
        store = TestStores.init(flavor.cached ? builder.withCachingEnabled().build() : builder.build(), context);
        store.put("b", "1", 1_000);
        store.put("a", "2", 2_000);
        store.put("a", "3", 150_000);
        store.flush();
        store.put("c", "4", 121_000);

        assertThat(windows(store.fetch("a", "c", 0, 200_000)))
                .containsExactly("a@2000=2", "b@1000=1", "a@150000=3", "c@121000=4");
        assertThat(windows(store.backwardFetch("a", "c", 0, 200_000)))
                .containsExactly("c@121000=4", "a@150000=3", "b@1000=1", "a@2000=2");
    }

    @Test
    void shouldDropWholeSegmentsWhenRetentionPasses() {
        context = TestStores.context(dir, changelog, 0);
        WindowStore<Bytes, byte[]> bytes = TestStores.init(
                Stores.persistentWindowStore("segs", Duration.ofMinutes(2), Duration.ofSeconds(1), false)
                        .get(),
                context);
        io.runnel.state.internal.window.SegmentedWindowStore segmented =
                (io.runnel.state.internal.window.SegmentedWindowStore) bytes;
        for (long minute = 0; minute < 6; minute++) {
            bytes.put(Bytes.wrap(new byte[] {1}), new byte[] {2}, minute * 60_000);
        }

        assertThat(segmented.segmentIds()).containsExactly(3L, 4L, 5L);
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "ROCKSDB_CACHED_LOGGED"})
    void shouldApplySameRetentionWhenReopened(Flavor flavor) {
        open(flavor);
        store.put("a", "1", 100);
        store.put("b", "2", 900);
        context.close();

        context = TestStores.context(dir, changelog, 1024 * 1024);
        store = flavor.open(context, false);
        store.put("c", "3", 1150);

        assertThat(windows(store.all())).containsExactly("b@900=2", "c@1150=3");
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ROCKSDB", "IN_MEMORY"})
    void shouldCarryTimestampWhenTimestamped(Flavor flavor) {
        context = TestStores.context(dir, changelog, 0);
        TimestampedWindowStore<String, String> timestamped = TestStores.init(
                Stores.timestampedWindowStoreBuilder(flavor.supplier("tsw", false), Serdes.String(), Serdes.String())
                        .withLoggingDisabled()
                        .build(),
                context);

        timestamped.put("a", ValueAndTimestamp.make("v", 123), 100);

        assertThat(timestamped.fetch("a", 100)).isEqualTo(new ValueAndTimestamp<>("v", 123));
    }
}
