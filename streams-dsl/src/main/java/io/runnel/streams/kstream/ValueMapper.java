package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/** Maps a value to a new value. */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    @Nullable
    VR apply(@Nullable V value);
}
