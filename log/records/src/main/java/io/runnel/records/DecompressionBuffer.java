package io.runnel.records;

/**
 * Scratch space into which a compressed batch's records are decompressed, owned by the caller and reused from batch
 * to batch so that reading compressed data does not allocate per batch. Bounded: a batch that decompresses to more
 * than the limit is refused as corrupt, which also stops decompression bombs.
 *
 * <p>Not thread-safe: one reader at a time, and records read through a cursor over this buffer are valid only until
 * the buffer is used for the next batch.
 */
public final class DecompressionBuffer {
    /** The default limit on one batch's decompressed records: 256 MiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

    private final GrowableBuffer buffer;

    private DecompressionBuffer(int initialCapacity, int maxBytes) {
        this.buffer = new GrowableBuffer(initialCapacity, maxBytes);
    }

    /**
     * @param initialCapacity bytes allocated up front
     * @param maxBytes the largest decompressed batch accepted
     */
    public static DecompressionBuffer create(int initialCapacity, int maxBytes) {
        return new DecompressionBuffer(initialCapacity, maxBytes);
    }

    /** A fresh buffer with default bounds, for a caller that reads one batch. */
    public static DecompressionBuffer fresh() {
        return new DecompressionBuffer(0, DEFAULT_MAX_BYTES);
    }

    GrowableBuffer growable() {
        return buffer;
    }
}
