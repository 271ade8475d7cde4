package io.runnel.common.header;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The {@link Headers} implementation: a list. Not thread-safe. */
public final class RecordHeaders implements Headers {
    private final List<Header> headers;
    private boolean readOnly;

    public RecordHeaders() {
        this.headers = new ArrayList<>();
    }

    /** Headers holding a copy of {@code headers}' elements. */
    public RecordHeaders(Iterable<Header> headers) {
        this.headers = new ArrayList<>();
        for (Header header : headers) {
            this.headers.add(Objects.requireNonNull(header, "header"));
        }
    }

    /** Headers holding {@code headers}' elements. */
    public RecordHeaders(Header[] headers) {
        this(List.of(headers));
    }

    @Override
    public Headers add(Header header) {
        checkWritable();
        headers.add(Objects.requireNonNull(header, "header"));
        return this;
    }

    @Override
    public Headers add(String key, byte @Nullable [] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    @Override
    public @Nullable Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header header : headers) {
            if (header.key().equals(key)) {
                matching.add(header);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers.toArray(new Header[0]);
    }

    @Override
    public Iterator<Header> iterator() {
        return readOnly ? Collections.unmodifiableList(headers).iterator() : headers.iterator();
    }

    /** Makes these headers read-only; the producer calls this when it takes a record. */
    public void setReadOnly() {
        readOnly = true;
    }

    /** Number of headers. */
    public int size() {
        return headers.size();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("headers are read-only once the record was sent");
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RecordHeaders other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(" + headers + ")";
    }
}
