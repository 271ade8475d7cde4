package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/** Maps a value to a new value, seeing the (read-only) key. */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    @Nullable
    VR apply(@Nullable K readOnlyKey, @Nullable V value);
}
