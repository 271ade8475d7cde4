package io.runnel.storage.cleaner;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A memory-bounded map from record keys to the latest offset seen for each, as Kafka's {@code SkimpyOffsetMap}: the
 * cleaner fills it from the dirty part of a log, then keeps a record only if its offset is at least the map's offset
 * for its key.
 *
 * <h2>Layout</h2>
 *
 * <p>Keys are not stored, only their 16-byte MD5 digest, so a slot has a fixed size and the map's memory is exactly
 * what it was given:
 *
 * <pre>
 *   slot (24 bytes):  md5(key) 16 bytes | offset int64
 * </pre>
 *
 * <p>Open addressing with linear probing from a position taken from the digest's first four bytes. An all-zero digest
 * marks an empty slot (a key whose MD5 is zero has probability 2^-128). Two distinct keys sharing a digest would be
 * merged, with the same negligible probability; MD5 is used for its spread, not for security. The map stops accepting
 * new keys at 90% of its slots ({@link #isFull()}) so probes stay short.
 *
 * <p>Nothing is allocated per key: the digest, the digest output and a key scratch array are reused.
 *
 * <p>Not thread-safe: owned by one cleaner thread.
 */
final class OffsetMap {
    static final int HASH_SIZE = 16;
    static final int SLOT_SIZE = HASH_SIZE + 8;
    static final double LOAD_FACTOR = 0.9;

    private final byte[] slots;
    private final ByteBuffer view;
    private final int slotCount;
    private final int maxEntries;
    private final MessageDigest digest;
    private final byte[] hash = new byte[HASH_SIZE];
    private byte[] keyScratch = new byte[64];
    private int entries;

    /** @param memoryBytes the memory to use; at least one slot's worth */
    OffsetMap(int memoryBytes) {
        if (memoryBytes < SLOT_SIZE * 2) {
            throw new IllegalArgumentException("offset map memory must be >= " + (SLOT_SIZE * 2) + ": " + memoryBytes);
        }
        this.slotCount = memoryBytes / SLOT_SIZE;
        this.maxEntries = Math.max(1, (int) (slotCount * LOAD_FACTOR));
        this.slots = new byte[slotCount * SLOT_SIZE];
        this.view = ByteBuffer.wrap(slots);
        try {
            this.digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /** Keys the map holds at most. */
    int maxEntries() {
        return maxEntries;
    }

    int size() {
        return entries;
    }

    /** Whether the map refuses new keys. Existing keys can still be updated. */
    boolean isFull() {
        return entries >= maxEntries;
    }

    /** Share of {@link #maxEntries()} in use. */
    double utilization() {
        return (double) entries / maxEntries;
    }

    /** Forgets every key. */
    void clear() {
        Arrays.fill(slots, (byte) 0);
        entries = 0;
    }

    /**
     * Records {@code offset} as the latest for the key held in {@code source} at absolute {@code position} for {@code
     * size} bytes (the source's position is not changed).
     *
     * @return false, changing nothing, if the key is new and the map is full
     */
    boolean put(ByteBuffer source, int position, int size, long offset) {
        hashKey(source, position, size);
        int slot = probe();
        int base = slot * SLOT_SIZE;
        if (isEmpty(base)) {
            if (isFull()) {
                return false;
            }
            System.arraycopy(hash, 0, slots, base, HASH_SIZE);
            entries++;
        }
        view.putLong(base + HASH_SIZE, offset);
        return true;
    }

    /** The latest offset recorded for the key, or -1 if none. */
    long get(ByteBuffer source, int position, int size) {
        hashKey(source, position, size);
        int base = probe() * SLOT_SIZE;
        return isEmpty(base) ? -1L : view.getLong(base + HASH_SIZE);
    }

    /** The slot holding {@link #hash}, or the empty slot where it would go. */
    private int probe() {
        int start = ((hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff))
                & Integer.MAX_VALUE;
        int slot = start % slotCount;
        while (true) {
            int base = slot * SLOT_SIZE;
            if (isEmpty(base) || Arrays.equals(slots, base, base + HASH_SIZE, hash, 0, HASH_SIZE)) {
                return slot;
            }
            slot = slot + 1 == slotCount ? 0 : slot + 1;
        }
    }

    private boolean isEmpty(int base) {
        return view.getLong(base) == 0L && view.getLong(base + 8) == 0L;
    }

    private void hashKey(ByteBuffer source, int position, int size) {
        if (keyScratch.length < size) {
            keyScratch = new byte[Math.max(size, keyScratch.length * 2)];
        }
        source.get(position, keyScratch, 0, size);
        digest.update(keyScratch, 0, size);
        try {
            digest.digest(hash, 0, HASH_SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digest does not fit " + HASH_SIZE + " bytes", e);
        }
    }
}
