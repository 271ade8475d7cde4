package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OffsetMapTest {
    private static ByteBuffer key(String key) {
        // Put the key at a non-zero position inside a larger buffer, as a record's key sits inside its batch.
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 7);
        buffer.position(7);
        buffer.put(bytes);
        return buffer.asReadOnlyBuffer();
    }

    private static boolean put(OffsetMap map, String key, long offset) {
        ByteBuffer buffer = key(key);
        return map.put(buffer, 7, buffer.capacity() - 7, offset);
    }

    private static long get(OffsetMap map, String key) {
        ByteBuffer buffer = key(key);
        return map.get(buffer, 7, buffer.capacity() - 7);
    }

    @Test
    void shouldReturnLatestOffsetWhenKeyIsPutTwice() {
        OffsetMap map = new OffsetMap(1024);
        put(map, "a", 1);
        put(map, "b", 2);

        put(map, "a", 3);

        assertThat(get(map, "a")).isEqualTo(3);
        assertThat(get(map, "b")).isEqualTo(2);
        assertThat(get(map, "c")).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseNewKeysButUpdateOldOnesWhenFull() {
        OffsetMap map = new OffsetMap(OffsetMap.SLOT_SIZE * 10);
        for (int i = 0; i < map.maxEntries(); i++) {
            assertThat(put(map, "k" + i, i)).isTrue();
        }

        assertThat(map.isFull()).isTrue();
        assertThat(put(map, "new", 100)).isFalse();
        assertThat(put(map, "k0", 100)).isTrue();
        assertThat(get(map, "k0")).isEqualTo(100);
        assertThat(get(map, "new")).isEqualTo(-1);
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        OffsetMap map = new OffsetMap(1024);
        put(map, "a", 1);

        map.clear();

        assertThat(get(map, "a")).isEqualTo(-1);
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldStoreKeyWhenItIsEmpty() {
        OffsetMap map = new OffsetMap(1024);

        put(map, "", 5);

        assertThat(get(map, "")).isEqualTo(5);
    }

    @Test
    void shouldRejectMapWhenMemoryIsBelowTwoSlots() {
        assertThatThrownBy(() -> new OffsetMap(OffsetMap.SLOT_SIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset map memory");
    }

    @Property(tries = 200)
    void shouldAgreeWithHashMapWhenKeysAreRandom(
            @ForAll @Size(max = 300) List<@IntRange(max = 400) Integer> keys,
            @ForAll @IntRange(min = 2, max = 200) int slots) {
        OffsetMap map = new OffsetMap(slots * OffsetMap.SLOT_SIZE);
        Map<String, Long> model = new HashMap<>();
        long offset = 0;

        for (int k : keys) {
            String key = "key-" + k;
            boolean accepted = put(map, key, offset);
            assertThat(accepted).isEqualTo(model.containsKey(key) || model.size() < map.maxEntries());
            if (accepted) {
                model.put(key, offset);
            }
            offset++;
        }

        assertThat(map.size()).isEqualTo(model.size());
        for (int k = 0; k <= 400; k++) {
            String key = "key-" + k;
            assertThat(get(map, key)).isEqualTo(model.getOrDefault(key, -1L));
        }
    }
}
