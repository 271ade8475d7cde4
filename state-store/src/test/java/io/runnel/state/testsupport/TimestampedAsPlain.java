package io.runnel.state.testsupport;

import io.runnel.common.serialization.Serializer;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * Runs the plain key-value contract through a timestamped store: values are written with a fixed timestamp, and
 * every read checks that the timestamp came back.
 */
@NullUnmarked
public final class TimestampedAsPlain implements KeyValueStore<String, String> {
    public static final long TIMESTAMP = 1_234;

    private final TimestampedKeyValueStore<String, String> inner;

    public TimestampedAsPlain(TimestampedKeyValueStore<String, String> inner) {
        this.inner = inner;
    }

    private static String value(ValueAndTimestamp<String> vt) {
        if (vt == null) {
            return null;
        }
        if (vt.timestamp() != TIMESTAMP) {
            throw new AssertionError("timestamp lost: " + vt);
        }
        return vt.value();
    }

    private static KeyValueIterator<String, String> plain(KeyValueIterator<String, ValueAndTimestamp<String>> it) {
        return new MappedKeyValueIterator<>(it, kv -> new KeyValue<>(kv.key(), value(kv.value())));
    }

    @Override
    public void put(String key, String value) {
        inner.put(key, ValueAndTimestamp.make(value, TIMESTAMP));
    }

    @Override
    public String putIfAbsent(String key, String value) {
        return value(inner.putIfAbsent(key, ValueAndTimestamp.make(value, TIMESTAMP)));
    }

    @Override
    public void putAll(List<KeyValue<String, String>> entries) {
        List<KeyValue<String, ValueAndTimestamp<String>>> stamped = new ArrayList<>();
        entries.forEach(e -> stamped.add(new KeyValue<>(e.key(), new ValueAndTimestamp<>(e.value(), TIMESTAMP))));
        inner.putAll(stamped);
    }

    @Override
    public String delete(String key) {
        return value(inner.delete(key));
    }

    @Override
    public String get(String key) {
        return value(inner.get(key));
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
        return plain(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<String, String> reverseRange(String from, String to) {
        return plain(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<String, String> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<String, String> reverseAll() {
        return plain(inner.reverseAll());
    }

    @Override
    public <P> KeyValueIterator<String, String> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        return plain(inner.prefixScan(prefix, prefixSerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
