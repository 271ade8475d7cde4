package io.runnel.state;

import org.jspecify.annotations.Nullable;

/** A store of sessions (see {@link ReadOnlySessionStore}), kept for a retention period after their end. */
public interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {

    /**
     * Puts the session's aggregate; a null value removes the session. A session that ended before the retention
     * period is dropped silently.
     */
    void put(Windowed<K> sessionKey, @Nullable V aggregate);

    /** Removes the session. */
    void remove(Windowed<K> sessionKey);
}
