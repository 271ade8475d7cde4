package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.utils.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@NullUnmarked
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RecordCacheTest {
    private final List<String> flushed = new ArrayList<>();

    private static Bytes key(String k) {
        return Bytes.wrap(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private RecordCache.FlushListener recorder(String ns) {
        return entries -> entries.forEach(e -> flushed.add(
                ns + ":" + new String(e.key().get()) + "=" + (e.value() == null ? "null" : new String(e.value()))));
    }

    @Test
    void shouldFlushOnlyLastValueWhenKeyIsUpdatedRepeatedly() {
        RecordCache cache = new RecordCache(1024 * 1024);
        cache.addNamespace("s", recorder("s"));

        cache.put("s", key("a"), "1".getBytes(), 1);
        cache.put("s", key("b"), "x".getBytes(), 2);
        cache.put("s", key("a"), "2".getBytes(), 3);
        cache.flush("s");
        cache.flush("s");

        assertThat(flushed).containsExactly("s:b=x", "s:a=2");
    }

    @Test
    void shouldFlushNamespaceInWriteOrderWhenDirtyEntryIsEvicted() {
        long entry = RecordCache.ENTRY_OVERHEAD_BYTES + 2;
        RecordCache cache = new RecordCache(3 * entry);
        cache.addNamespace("s", recorder("s"));
        cache.addNamespace("t", recorder("t"));

        cache.put("s", key("a"), "1".getBytes(), 1);
        cache.put("t", key("b"), "2".getBytes(), 1);
        cache.put("s", key("c"), "3".getBytes(), 1);
        cache.put("t", key("d"), "4".getBytes(), 1);

        assertThat(flushed).containsExactly("s:a=1", "s:c=3");
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(3 * entry);
        assertThat(cache.get("s", key("a"))).isNull();
        assertThat(cache.get("s", key("c"))).isNotNull();
        assertThat(cache.evictions()).isEqualTo(1);
    }

    @Test
    void shouldKeepTombstoneWhenKeyIsDeleted() {
        RecordCache cache = new RecordCache(1024);
        cache.addNamespace("s", recorder("s"));

        cache.put("s", key("a"), null, 1);

        assertThat(cache.get("s", key("a"))).isNotNull();
        assertThat(cache.get("s", key("a")).value()).isNull();
        cache.flush("s");
        assertThat(flushed).containsExactly("s:a=null");
    }

    @Test
    void shouldReturnSortedSnapshotWhenScanningRange() {
        RecordCache cache = new RecordCache(1024 * 1024);
        cache.addNamespace("s", recorder("s"));
        for (String k : List.of("c", "a", "d", "b")) {
            cache.put("s", key(k), k.getBytes(), 0);
        }

        List<String> forward = new ArrayList<>();
        cache.range("s", key("b"), key("c"), true)
                .forEach(e -> forward.add(new String(e.getKey().get())));
        List<String> backward = new ArrayList<>();
        cache.range("s", null, null, false)
                .forEach(e -> backward.add(new String(e.getKey().get())));

        assertThat(forward).containsExactly("b", "c");
        assertThat(backward).containsExactly("d", "c", "b", "a");
    }

    @Test
    void shouldWriteThroughWhenBudgetIsZero() {
        RecordCache cache = new RecordCache(0);
        cache.addNamespace("s", recorder("s"));

        cache.put("s", key("a"), "1".getBytes(), 1);

        assertThat(flushed).containsExactly("s:a=1");
        assertThat(cache.sizeBytes()).isZero();
    }
}
