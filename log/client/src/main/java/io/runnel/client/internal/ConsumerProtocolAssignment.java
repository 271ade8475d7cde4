package io.runnel.client.internal;

import io.runnel.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The partitions a consumer group's leader assigned to one member, as the classic group protocol carries them in
 * SyncGroup and DescribeGroups for protocol type {@code consumer}. The bytes are Kafka's {@code
 * ConsumerProtocolAssignment}, a classic (non-flexible) struct in network byte order:
 *
 * <pre>
 * version           int16   0 to 3 (the same fields in each)
 * assignedPartitions int32 count, then per topic:
 *   topic           int16 length + UTF-8 bytes
 *   partitions      int32 count, then int32 each
 * userData          int32 length (-1 for null), then the bytes
 * </pre>
 *
 * A newer version than 3 is read as version 3, as Kafka's clients do: later versions only add fields at the end.
 * Empty bytes (a member whose assignment is not known yet, during a rebalance) decode to no partitions.
 *
 * @param partitions the assigned partitions, in the order of the bytes
 * @param userData the assignor's user data, or null
 */
public record ConsumerProtocolAssignment(List<TopicPartition> partitions, @Nullable ByteBuffer userData) {
    public ConsumerProtocolAssignment {
        partitions = List.copyOf(partitions);
    }

    /**
     * Decodes an assignment; {@code bytes} is borrowed (read through a duplicate: its position does not move).
     *
     * @throws IllegalArgumentException if the bytes are not a valid assignment
     */
    public static ConsumerProtocolAssignment decode(ByteBuffer bytes) {
        ByteBuffer buffer = bytes.duplicate();
        if (!buffer.hasRemaining()) {
            return new ConsumerProtocolAssignment(List.of(), null);
        }
        try {
            short version = buffer.getShort();
            if (version < 0) {
                throw new IllegalArgumentException("consumer protocol assignment has a negative version: " + version);
            }
            int topics = count(buffer, "topic");
            List<TopicPartition> partitions = new ArrayList<>();
            for (int t = 0; t < topics; t++) {
                String topic = string(buffer);
                int count = count(buffer, "partition");
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, buffer.getInt()));
                }
            }
            return new ConsumerProtocolAssignment(partitions, bytes(buffer));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("consumer protocol assignment is truncated", e);
        }
    }

    private static int count(ByteBuffer buffer, String what) {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new IllegalArgumentException("consumer protocol assignment has a bad " + what + " count: " + count);
        }
        return count;
    }

    private static String string(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("consumer protocol assignment has a bad topic length: " + length);
        }
        byte[] utf8 = new byte[length];
        buffer.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static @Nullable ByteBuffer bytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        if (length > buffer.remaining()) {
            throw new IllegalArgumentException("consumer protocol assignment has a bad user data length: " + length);
        }
        ByteBuffer data = buffer.slice();
        data.limit(length);
        return data.asReadOnlyBuffer();
    }
}
