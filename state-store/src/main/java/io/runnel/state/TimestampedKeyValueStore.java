package io.runnel.state;

/** A key-value store whose values carry the timestamp of the record that wrote them. */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {}
