package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.common.utils.Bytes;
import io.runnel.state.testsupport.RecordingChangelog;
import io.runnel.state.testsupport.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Timeout;

/**
 * Random operations against every key-value flavour and a {@link TreeMap} of byte keys as the model: after each
 * sequence, every read and scan agrees with the model.
 */
@NullUnmarked
@Timeout(120)
class KeyValueStoreModelTest {

    record Op(int kind, byte[] key, byte[] value, byte[] other) {
        @Override
        public String toString() {
            return kind + ":" + Bytes.wrap(key) + "/" + Bytes.wrap(other);
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // Few distinct short keys, with zero and 0xFF bytes, so that updates, deletes and bounds collide often.
        Arbitrary<byte[]> keys = Arbitraries.bytes()
                .filter(b -> b == 0 || b == (byte) 0xFF || (b >= 'a' && b <= 'd'))
                .array(byte[].class)
                .ofMaxSize(3);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(4);
        return Combinators.combine(Arbitraries.integers().between(0, 6), keys, values, keys)
                .as(Op::new)
                .list()
                .ofMaxSize(60);
    }

    @Property(tries = 40)
    void shouldAgreeWithSortedMapWhenApplyingRandomOperations(
            @ForAll("ops") List<Op> ops, @ForAll KeyValueStoreContractTest.Flavor flavor) throws IOException {
        Path dir = Files.createTempDirectory("kv-model");
        StateManager context = TestStores.context(dir, new RecordingChangelog(), flavor.cacheBytes());
        KeyValueStore<Bytes, byte[]> store = TestStores.init(
                flavor.layers(Stores.keyValueStoreBuilder(
                                flavor.supplier.apply("model"), Serdes.Bytes(), Serdes.ByteArray()))
                        .build(),
                context);
        NavigableMap<Bytes, byte[]> model = new TreeMap<>();
        try {
            for (Op op : ops) {
                apply(op, store, model);
            }
            store.flush();
            assertThat(render(store.all())).isEqualTo(render(model));
            assertThat(render(store.reverseAll())).isEqualTo(render(model.descendingMap()));
        } finally {
            context.close();
            RestoreTest.deleteTree(dir);
            Files.deleteIfExists(dir);
        }
    }

    private static void apply(Op op, KeyValueStore<Bytes, byte[]> store, NavigableMap<Bytes, byte[]> model) {
        Bytes key = Bytes.wrap(op.key());
        Bytes other = Bytes.wrap(op.other());
        switch (op.kind()) {
            case 0, 1 -> {
                store.put(key, op.value());
                model.put(key, op.value());
            }
            case 2 -> assertThat(render(store.delete(key))).isEqualTo(render(model.remove(key)));
            case 3 -> assertThat(render(store.get(key))).isEqualTo(render(model.get(key)));
            case 4 -> {
                List<String> expected =
                        key.compareTo(other) > 0 ? List.of() : render(model.subMap(key, true, other, true));
                assertThat(render(store.range(key, other))).isEqualTo(expected);
                List<String> reversed = key.compareTo(other) > 0
                        ? List.of()
                        : render(model.subMap(key, true, other, true).descendingMap());
                assertThat(render(store.reverseRange(key, other))).isEqualTo(reversed);
            }
            case 5 -> {
                Bytes upper = Bytes.prefixUpperBound(key);
                NavigableMap<Bytes, byte[]> expected =
                        upper == null ? model.tailMap(key, true) : model.subMap(key, true, upper, false);
                assertThat(render(store.prefixScan(key, Serdes.Bytes().serializer())))
                        .isEqualTo(render(expected));
            }
            default -> {
                byte[] previous = store.putIfAbsent(key, op.value());
                byte[] modelPrevious = model.putIfAbsent(key, op.value());
                assertThat(render(previous)).isEqualTo(render(modelPrevious));
            }
        }
    }

    private static String render(byte[] value) {
        return value == null ? "null" : Bytes.wrap(value).toString();
    }

    private static List<String> render(Map<Bytes, byte[]> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + Bytes.wrap(v)));
        return out;
    }

    private static List<String> render(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key() + "=" + Bytes.wrap(kv.value())));
        }
        return out;
    }
}
