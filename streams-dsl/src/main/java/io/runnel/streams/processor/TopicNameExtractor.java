package io.runnel.streams.processor;

import org.jspecify.annotations.Nullable;

/** Chooses the output topic of each record at a dynamic sink. */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    String extract(@Nullable K key, @Nullable V value, RecordContext recordContext);
}
