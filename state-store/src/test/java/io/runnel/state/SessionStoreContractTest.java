package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every session store and layering passes. Retention 1000 ms. */
@NullUnmarked // tests pass nulls on purpose
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionStoreContractTest {

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

        SessionStore<String, String> open(StateManager context) {
            SessionBytesStoreSupplier supplier = persistent
                    ? Stores.persistentSessionStore("sessions", Duration.ofMillis(1000))
                    : Stores.inMemorySessionStore("sessions", Duration.ofMillis(1000));
            StoreBuilder<SessionStore<String, String>> builder =
                    Stores.sessionStoreBuilder(supplier, Serdes.String(), Serdes.String());
            builder = logged ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
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
    private SessionStore<String, String> store;

    private void open(Flavor flavor) {
        context = TestStores.context(dir, changelog, 1024 * 1024);
        store = flavor.open(context);
    }

    @AfterEach
    void closeStore() {
        if (context != null) {
            context.close();
        }
    }

    private static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new Window(start, end));
    }

    private static List<String> sessions(KeyValueIterator<Windowed<String>, String> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key().key() + "["
                    + kv.key().window().start() + "," + kv.key().window().end() + "]=" + kv.value()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldFindSessionsThatOverlapWhenSearching(Flavor flavor) {
        open(flavor);
        store.put(session("a", 0, 10), "1");
        store.put(session("a", 20, 30), "2");
        store.put(session("a", 100, 150), "3");
        store.put(session("b", 20, 30), "x");

        assertThat(sessions(store.findSessions("a", 25, 120))).containsExactly("a[20,30]=2", "a[100,150]=3");
        assertThat(sessions(store.backwardFindSessions("a", 25, 120))).containsExactly("a[100,150]=3", "a[20,30]=2");
        assertThat(sessions(store.findSessions("a", 31, 99))).isEmpty();
        assertThat(sessions(store.findSessions("a", 10, 10))).containsExactly("a[0,10]=1");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldFetchExactSessionWhenBoundsMatch(Flavor flavor) {
        open(flavor);
        store.put(session("a", 20, 30), "2");

        assertThat(store.fetchSession("a", 20, 30)).isEqualTo("2");
        assertThat(store.fetchSession("a", 20, 31)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldRemoveSessionWhenRemoved(Flavor flavor) {
        open(flavor);
        store.put(session("a", 20, 30), "2");
        store.flush();

        store.remove(session("a", 20, 30));

        assertThat(store.fetchSession("a", 20, 30)).isNull();
        assertThat(sessions(store.fetch("a"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldReturnKeyRangeInKeyOrderWhenInOneSegment(Flavor flavor) {
        open(flavor);
        store.put(session("c", 0, 5), "3");
        store.put(session("a", 10, 20), "1");
        store.put(session("b", 0, 5), "2");
        store.put(session("a", 0, 5), "0");

        assertThat(sessions(store.fetch("a", "b"))).containsExactly("a[0,5]=0", "a[10,20]=1", "b[0,5]=2");
        assertThat(sessions(store.backwardFetch("a", "b"))).containsExactly("b[0,5]=2", "a[10,20]=1", "a[0,5]=0");
        assertThat(sessions(store.findSessions(null, null, 0, 100))).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldExpireSessionsWhenTheyEndBeforeRetention(Flavor flavor) {
        open(flavor);
        store.put(session("a", 0, 1), "old");
        store.put(session("a", 0, 2), "edge");

        store.put(session("b", 1000, 1001), "new");

        assertThat(sessions(store.fetch("a"))).containsExactly("a[0,2]=edge");
        store.put(session("a", 0, 0), "late");
        assertThat(store.fetchSession("a", 0, 0)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void shouldRejectNullKeyWithClearMessage(Flavor flavor) {
        open(flavor);

        assertThatThrownBy(() -> store.findSessions(null, 0, 1)).hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.put(new Windowed<>(null, new Window(0, 1)), "v"))
                .isInstanceOf(NullPointerException.class);
    }
}
