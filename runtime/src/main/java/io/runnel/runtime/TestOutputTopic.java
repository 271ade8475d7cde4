package io.runnel.runtime;

import io.runnel.common.serialization.Deserializer;
import io.runnel.streams.KeyValue;
import io.runnel.streams.processor.internal.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a topology wrote to one topic of a {@link TopologyTestDriver}, oldest first; each read consumes the
 * record. Not thread-safe.
 */
public final class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(
            TopologyTestDriver driver,
            String topic,
            Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        this.driver = driver;
        this.topic = topic;
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer cannot be null");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer cannot be null");
    }

    /** @throws NoSuchElementException if the topic has no unread record */
    public TestRecord<K, V> readRecord() {
        RawRecord raw = driver.readRaw(topic);
        if (raw == null) {
            throw new NoSuchElementException("Empty topic: " + topic);
        }
        K key = raw.key() == null ? null : keyDeserializer.deserialize(topic, raw.headers(), raw.key());
        V value = raw.value() == null ? null : valueDeserializer.deserialize(topic, raw.headers(), raw.value());
        return new TestRecord<>(key, value, raw.headers(), Instant.ofEpochMilli(raw.timestamp()));
    }

    /** @throws NoSuchElementException if the topic has no unread record */
    public @Nullable V readValue() {
        return readRecord().value();
    }

    /** @throws NoSuchElementException if the topic has no unread record */
    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return KeyValue.pair(r.key(), r.value());
    }

    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    public List<@Nullable V> readValuesToList() {
        List<@Nullable V> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readValue());
        }
        return out;
    }

    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readKeyValue());
        }
        return out;
    }

    /**
     * The last value of each key, in first-seen key order; a null value removes the key.
     *
     * @throws IllegalStateException if a record has a null key
     */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> r = readRecord();
            K key = r.key();
            if (key == null) {
                throw new IllegalStateException(
                        "Topic " + topic + " has a record with a null key; it cannot be read" + " into a map");
            }
            V value = r.value();
            if (value == null) {
                out.remove(key);
            } else {
                out.put(key, value);
            }
        }
        return out;
    }

    public long getQueueSize() {
        return driver.queueSize(topic);
    }

    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
