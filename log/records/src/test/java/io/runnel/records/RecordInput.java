package io.runnel.records;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** One record to append in a test, with helpers to make random ones. Test fixture shared by the records tests. */
record RecordInput(long timestamp, byte @Nullable [] key, byte @Nullable [] value, List<Header> headers) {

    Header[] headerArray() {
        return headers.toArray(new Header[0]);
    }

    static @Nullable ByteBuffer wrap(byte @Nullable [] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** Random records with compressible payloads: null, empty and large keys and values, and headers. */
    static List<RecordInput> random(Random random, int count) {
        long base = 1_700_000_000_000L + random.nextInt(1_000_000);
        java.util.ArrayList<RecordInput> inputs = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = random.nextInt(10) == 0 ? null : bytes(random, random.nextInt(32));
            byte[] value = random.nextInt(20) == 0
                    ? null
                    : bytes(random, random.nextInt(random.nextInt(8) == 0 ? 20_000 : 300));
            int headerCount = random.nextInt(4) == 0 ? random.nextInt(3) + 1 : 0;
            java.util.ArrayList<Header> headers = new java.util.ArrayList<>();
            for (int h = 0; h < headerCount; h++) {
                headers.add(
                        new Header("h" + h + "-é", random.nextBoolean() ? null : bytes(random, random.nextInt(16))));
            }
            inputs.add(new RecordInput(base + random.nextInt(10_000) - 5_000, key, value, headers));
        }
        return inputs;
    }

    /** Bytes that compress: a small alphabet. */
    static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(6));
        }
        return bytes;
    }
}
