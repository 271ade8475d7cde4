package io.runnel.common.header;

import org.jspecify.annotations.Nullable;

/**
 * The headers of a record, in order; keys may repeat. As Kafka's {@code Headers}: mutable until the producer takes
 * the record, read-only afterwards (changes then throw {@link IllegalStateException}). Not thread-safe.
 */
public interface Headers extends Iterable<Header> {
    /**
     * Appends a header.
     *
     * @throws IllegalStateException if the headers are read-only
     */
    Headers add(Header header);

    /** Appends a header. */
    Headers add(String key, byte @Nullable [] value);

    /**
     * Removes every header with {@code key}.
     *
     * @throws IllegalStateException if the headers are read-only
     */
    Headers remove(String key);

    /** The last header with {@code key}, or null. */
    @Nullable
    Header lastHeader(String key);

    /** The headers with {@code key}, in order. */
    Iterable<Header> headers(String key);

    /** Every header, in order. */
    Header[] toArray();
}
