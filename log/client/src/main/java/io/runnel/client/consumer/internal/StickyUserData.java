package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.internal.StickyAssignment.MemberData;
import io.runnel.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user data of Kafka's sticky assignors, in Kafka's classic encoding (big-endian; STRING is an INT16 length and
 * UTF-8 bytes; ARRAY is an INT32 count and its elements):
 *
 * <pre>
 * sticky (v1; v0 lacks the generation)     cooperative-sticky
 *   ARRAY previous_assignment:               INT32 generation
 *         STRING topic
 *         ARRAY  INT32 partition
 *   INT32 generation
 * </pre>
 *
 * The eager {@code sticky} assignor needs its previous assignment in the user data, since members revoke everything
 * before they rejoin and report no owned partitions. Stateless.
 */
public final class StickyUserData {
    private StickyUserData() {}

    /** The {@code sticky} assignor's user data: the member's partitions and their generation. */
    public static ByteBuffer encodeSticky(List<TopicPartition> partitions, int generation) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp ->
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        int size = 4 + 4;
        for (Map.Entry<String, List<Integer>> entry : byTopic.entrySet()) {
            size += 2
                    + entry.getKey().getBytes(StandardCharsets.UTF_8).length
                    + 4
                    + 4 * entry.getValue().size();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(byTopic.size());
        byTopic.forEach((topic, indexes) -> {
            byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
            out.putShort((short) utf8.length).put(utf8);
            out.putInt(indexes.size());
            indexes.forEach(out::putInt);
        });
        out.putInt(generation);
        return out.flip();
    }

    /**
     * Reads the {@code sticky} assignor's user data (v1, or v0 without a generation); anything unreadable counts as no
     * previous assignment, as with Kafka.
     */
    public static MemberData decodeSticky(ByteBuffer userData) {
        ByteBuffer in = userData.duplicate();
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            int topics = in.getInt();
            for (int t = 0; t < topics; t++) {
                byte[] utf8 = new byte[in.getShort()];
                in.get(utf8);
                String topic = new String(utf8, StandardCharsets.UTF_8);
                int count = in.getInt();
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, in.getInt()));
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return new MemberData(List.of(), Optional.empty());
        }
        Optional<Integer> generation = in.remaining() >= 4 ? Optional.of(in.getInt()) : Optional.empty();
        return new MemberData(partitions, generation);
    }

    /** The {@code cooperative-sticky} assignor's user data: the generation. */
    public static ByteBuffer encodeGeneration(int generation) {
        return ByteBuffer.allocate(4).putInt(0, generation);
    }

    /** Reads the {@code cooperative-sticky} assignor's generation, if the user data holds one. */
    public static Optional<Integer> decodeGeneration(ByteBuffer userData) {
        return userData.remaining() >= 4 ? Optional.of(userData.getInt(userData.position())) : Optional.empty();
    }
}
