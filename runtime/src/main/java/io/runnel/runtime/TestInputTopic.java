package io.runnel.runtime;

import io.runnel.common.serialization.Serializer;
import io.runnel.streams.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Pipes records into one input topic of a {@link TopologyTestDriver}; each call processes the record through the
 * whole topology before it returns. Records without a time get the topic's current time, which then advances by the
 * topic's auto-advance step. Not thread-safe.
 */
public final class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration autoAdvance;
    private Instant currentTime;

    TestInputTopic(
            TopologyTestDriver driver,
            String topic,
            Serializer<K> keySerializer,
            Serializer<V> valueSerializer,
            Instant startTime,
            Duration autoAdvance) {
        if (autoAdvance.isNegative()) {
            throw new IllegalArgumentException("autoAdvance must be >= 0: " + autoAdvance);
        }
        this.driver = driver;
        this.topic = topic;
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer cannot be null");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer cannot be null");
        this.currentTime = Objects.requireNonNull(startTime, "startTime cannot be null");
        this.autoAdvance = autoAdvance;
    }

    /** Moves the topic's current time forward. @throws IllegalArgumentException if negative */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must be >= 0: " + advance);
        }
        currentTime = currentTime.plus(advance);
    }

    public void pipeInput(TestRecord<K, V> record) {
        Instant time = record.getRecordTime();
        if (time == null) {
            time = currentTime;
            currentTime = currentTime.plus(autoAdvance);
        }
        byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());
        driver.pipeRaw(topic, key, value, record.headers(), time.toEpochMilli());
    }

    public void pipeInput(@Nullable V value) {
        pipeInput(new TestRecord<>(value));
    }

    public void pipeInput(@Nullable K key, @Nullable V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    public void pipeInput(@Nullable V value, Instant timestamp) {
        pipeInput(new TestRecord<K, V>(null, value, timestamp));
    }

    public void pipeInput(@Nullable K key, @Nullable V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    public void pipeInput(@Nullable K key, @Nullable V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        for (TestRecord<K, V> r : records) {
            pipeInput(r);
        }
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key(), kv.value());
        }
    }

    public void pipeValueList(List<V> values) {
        for (V v : values) {
            pipeInput(v);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", currentTime=" + currentTime + "]";
    }
}
