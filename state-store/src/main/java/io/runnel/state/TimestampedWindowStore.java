package io.runnel.state;

/** A window store whose values carry the timestamp of the record that wrote them. */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {}
