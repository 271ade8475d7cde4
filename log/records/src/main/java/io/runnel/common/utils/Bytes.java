package io.runnel.common.utils;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable-by-contract wrapper around a {@code byte[]} key with value equality and unsigned lexicographic order,
 * the order RocksDB uses. The array is not copied: callers must not modify it after wrapping.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final byte[] EMPTY_ARRAY = new byte[0];

    /** The empty key. */
    public static final Bytes EMPTY = new Bytes(EMPTY_ARRAY);

    private final byte[] bytes;
    private int hash;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps {@code bytes} without copying.
     *
     * @throws NullPointerException if {@code bytes} is null
     */
    public static Bytes wrap(byte[] bytes) {
        return new Bytes(Objects.requireNonNull(bytes, "bytes cannot be null"));
    }

    /** {@code null} for {@code null}, else {@link #wrap}. */
    public static @Nullable Bytes wrapNullable(byte @Nullable [] bytes) {
        return bytes == null ? null : new Bytes(bytes);
    }

    /** The wrapped array (not a copy). */
    public byte[] get() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or {@code null} when there is none
     * (the prefix is empty or all {@code 0xFF}). Used as the exclusive upper bound of a prefix scan.
     */
    public static @Nullable Bytes prefixUpperBound(Bytes prefix) {
        byte[] p = prefix.bytes;
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(p, i + 1);
                next[i]++;
                return new Bytes(next);
            }
        }
        return null;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || (o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).bytes));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2 + 2).append('[');
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02X", b & 0xFF));
            }
        }
        return sb.append(']').toString();
    }
}
