package io.runnel.state;

import java.util.Objects;

/** A key and the window it belongs to: the key type of window and session store iterators. */
public record Windowed<K>(K key, Window window) {
    public Windowed {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(window, "window cannot be null");
    }
}
