package io.runnel.streams.header;

import io.runnel.records.Header;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mutable headers of a record, in insertion order; a key may appear more than once. Mirrors Kafka's
 * {@code Headers}. Not thread-safe: a record and its headers belong to the thread processing it.
 */
public final class Headers implements Iterable<Header> {
    private final List<Header> headers;

    public Headers() {
        this.headers = new ArrayList<>(2);
    }

    private Headers(List<Header> headers) {
        this.headers = headers;
    }

    /** A copy of the given headers. */
    public static Headers copyOf(Iterable<Header> source) {
        List<Header> list = new ArrayList<>();
        for (Header h : source) {
            list.add(h);
        }
        return new Headers(list);
    }

    /** Appends a header and returns this. */
    @SuppressWarnings("NullAway") // Header accepts a null value; NullAway does not read its type-use annotation
    public Headers add(String key, byte @Nullable [] value) {
        headers.add(new Header(Objects.requireNonNull(key, "header key cannot be null"), value));
        return this;
    }

    /** Appends a header and returns this. */
    public Headers add(Header header) {
        headers.add(Objects.requireNonNull(header, "header cannot be null"));
        return this;
    }

    /** Removes every header with this key and returns this. */
    public Headers remove(String key) {
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    /** The last header with this key, or null. */
    public @Nullable Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    /** Every header with this key, in insertion order. */
    public List<Header> headers(String key) {
        List<Header> result = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equals(key)) {
                result.add(h);
            }
        }
        return result;
    }

    public int size() {
        return headers.size();
    }

    public Header[] toArray() {
        return headers.toArray(new Header[0]);
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Headers other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + headers;
    }
}
