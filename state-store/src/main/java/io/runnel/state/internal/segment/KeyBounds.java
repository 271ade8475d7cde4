package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import java.util.Arrays;

/**
 * Byte bounds for scanning store keys of the form {@code [key][fixed-size suffix]} by a range of keys.
 *
 * <p>Keys have variable length and no length prefix, so a key {@code k} that is a proper prefix of {@code keyTo}
 * has store keys {@code k ++ suffix} that may sort after {@code keyTo ++ 0xFF...}: with {@code keyTo = "a\0\0"} and
 * {@code k = "a"}, the suffix of {@code k} starts where {@code keyTo} still has bytes. The upper bound is therefore
 * the largest of {@code keyTo ++ 0xFF * suffixLength} and, for every proper prefix {@code p} of {@code keyTo}, {@code
 * p ++ maxSuffix}, where {@code maxSuffix} is the largest suffix any live entry can have (its time part bounded by
 * the scan's upper time). Everything that may match then lies within the bounds, and the caller filters by key.
 */
public final class KeyBounds {
    private KeyBounds() {}

    /** The inclusive upper bound of store keys whose key is {@code <= keyTo}. */
    public static Bytes upperBoundForKeyRange(Bytes keyTo, byte[] maxSuffix) {
        byte[] key = keyTo.get();
        byte[] best = new byte[key.length + maxSuffix.length];
        System.arraycopy(key, 0, best, 0, key.length);
        Arrays.fill(best, key.length, best.length, (byte) 0xFF);
        for (int i = 0; i < key.length; i++) {
            // The candidate prefix(i) ++ maxSuffix first differs from best where maxSuffix meets key[i..].
            if ((maxSuffix[0] & 0xFF) < (key[i] & 0xFF)) {
                continue;
            }
            byte[] candidate = new byte[i + maxSuffix.length];
            System.arraycopy(key, 0, candidate, 0, i);
            System.arraycopy(maxSuffix, 0, candidate, i, maxSuffix.length);
            if (Arrays.compareUnsigned(candidate, best) > 0) {
                best = candidate;
            }
        }
        return Bytes.wrap(best);
    }
}
