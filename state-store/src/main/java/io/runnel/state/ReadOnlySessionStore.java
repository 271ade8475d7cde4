package io.runnel.state;

import org.jspecify.annotations.Nullable;

/**
 * Read access to a session store. A session is a key with a {@link Window} from its first to its last record.
 * Sessions are ordered by time segment (of the end time), then key bytes, then end, then start.
 */
public interface ReadOnlySessionStore<K, V> {

    /**
     * The sessions of {@code key} that end at or after {@code earliestSessionEndTime} and start at or before {@code
     * latestSessionStartTime}: the sessions a record in between would merge with. Must be closed.
     */
    KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /** The reverse of {@link #findSessions(Object, long, long)}. */
    KeyValueIterator<Windowed<K>, V> backwardFindSessions(
            K key, long earliestSessionEndTime, long latestSessionStartTime);

    /** As {@link #findSessions(Object, long, long)} for keys in {@code [keyFrom, keyTo]}; null bounds are open. */
    KeyValueIterator<Windowed<K>, V> findSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestSessionEndTime, long latestSessionStartTime);

    /** The reverse of {@link #findSessions(Object, Object, long, long)}. */
    KeyValueIterator<Windowed<K>, V> backwardFindSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestSessionEndTime, long latestSessionStartTime);

    /** The value of {@code key}'s session with exactly these bounds, or null. */
    @Nullable
    V fetchSession(K key, long sessionStartTime, long sessionEndTime);

    /** Every session of {@code key} within retention. */
    KeyValueIterator<Windowed<K>, V> fetch(K key);

    /** The reverse of {@link #fetch(Object)}. */
    KeyValueIterator<Windowed<K>, V> backwardFetch(K key);

    /** Every session of keys in {@code [keyFrom, keyTo]} within retention. */
    KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo);

    /** The reverse of {@link #fetch(Object, Object)}. */
    KeyValueIterator<Windowed<K>, V> backwardFetch(@Nullable K keyFrom, @Nullable K keyTo);
}
