package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The consumer's embedded protocol: the bytes a member puts in JoinGroup ({@code protocolType = "consumer"}, one
 * metadata per assignor) and the leader puts in SyncGroup, as Kafka's {@code ConsumerProtocolSubscription} and {@code
 * ConsumerProtocolAssignment} (versions 0 to 3). Kafka's classic (non-flexible) encoding: big-endian integers, a
 * string is an INT16 length and UTF-8 bytes (-1: null), bytes are an INT32 length and the bytes (-1: null), an array is
 * an INT32 count and its elements.
 *
 * <pre>
 * Subscription                                   Assignment
 *   INT16  version (0..3)                          INT16  version (0..3)
 *   ARRAY  topics: STRING                          ARRAY  assigned partitions:
 *   BYTES  user data (nullable)                           STRING topic
 *   ARRAY  owned partitions (v1+):                        ARRAY  INT32 partition
 *          STRING topic                            BYTES  user data (nullable)
 *          ARRAY  INT32 partition
 *   INT32  generation id (v2+; -1: none)
 *   STRING rack id (v3+; nullable)
 * </pre>
 *
 * As Kafka does, so that equal subscriptions have equal bytes, a subscription's topics and owned partitions are
 * written in topic name order; an assignment's partitions are grouped by topic in order of first appearance. A reader takes the fields of the
 * version it reads and ignores bytes after them, so a newer version's additions do not break it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConsumerProtocol {
    /** The protocol type of consumer groups in JoinGroup and SyncGroup. */
    public static final String PROTOCOL_TYPE = "consumer";
    /** The version Runnel writes, Kafka 3.5+'s. */
    public static final short VERSION = 3;

    private ConsumerProtocol() {}

    /** The subscription at {@link #VERSION}. */
    public static ByteBuffer serializeSubscription(Subscription subscription) {
        return serializeSubscription(subscription, VERSION);
    }

    /** The subscription at {@code version}, fields newer than it left out. */
    public static ByteBuffer serializeSubscription(Subscription subscription, short version) {
        checkVersion(version);
        Writer out = new Writer();
        out.int16(version);
        List<String> topics = new ArrayList<>(subscription.topics());
        Collections.sort(topics);
        out.int32(topics.size());
        topics.forEach(out::string);
        out.bytes(subscription.userData());
        if (version >= 1) {
            List<TopicPartition> owned = new ArrayList<>(subscription.ownedPartitions());
            owned.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            out.partitionsByTopic(owned);
        }
        if (version >= 2) {
            out.int32(subscription.generationId().orElse(-1));
        }
        if (version >= 3) {
            out.string(subscription.rackId().orElse(null));
        }
        return out.toBuffer();
    }

    /**
     * Reads a subscription; the buffer is not modified.
     *
     * @throws RunnelException if the bytes are not a subscription
     */
    public static Subscription deserializeSubscription(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate();
        try {
            short version = readVersion(in);
            List<String> topics = new ArrayList<>();
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                topics.add(requireString(in));
            }
            ByteBuffer userData = readBytes(in);
            List<TopicPartition> owned = version >= 1 ? readPartitions(in) : List.of();
            int generation = version >= 2 ? in.getInt() : -1;
            Optional<String> rack = version >= 3 ? Optional.ofNullable(readString(in)) : Optional.empty();
            return new Subscription(topics, userData, owned, generation, rack);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new RunnelException("a consumer group member sent a malformed subscription", e);
        }
    }

    /** The assignment at {@link #VERSION}. */
    public static ByteBuffer serializeAssignment(Assignment assignment) {
        return serializeAssignment(assignment, VERSION);
    }

    /** The assignment at {@code version} (every version has the same fields). */
    public static ByteBuffer serializeAssignment(Assignment assignment, short version) {
        checkVersion(version);
        Writer out = new Writer();
        out.int16(version);
        out.partitionsByTopic(assignment.partitions());
        out.bytes(assignment.userData());
        return out.toBuffer();
    }

    /**
     * Reads an assignment; the buffer is not modified. An empty buffer (what the coordinator sends a member the leader
     * left out) is an empty assignment.
     *
     * @throws RunnelException if the bytes are not an assignment
     */
    public static Assignment deserializeAssignment(ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            return new Assignment(List.of());
        }
        ByteBuffer in = bytes.duplicate();
        try {
            readVersion(in);
            List<TopicPartition> partitions = readPartitions(in);
            return new Assignment(partitions, readBytes(in));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new RunnelException("the group leader sent a malformed assignment", e);
        }
    }

    private static void checkVersion(short version) {
        if (version < 0 || version > VERSION) {
            throw new IllegalArgumentException("consumer protocol version must be in [0, " + VERSION + "]: " + version);
        }
    }

    private static short readVersion(ByteBuffer in) {
        short version = in.getShort();
        if (version < 0) {
            throw new IllegalArgumentException("negative consumer protocol version " + version);
        }
        return version;
    }

    private static List<TopicPartition> readPartitions(ByteBuffer in) {
        List<TopicPartition> partitions = new ArrayList<>();
        int topics = in.getInt();
        for (int t = 0; t < topics; t++) {
            String topic = requireString(in);
            int count = in.getInt();
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, in.getInt()));
            }
        }
        return partitions;
    }

    private static String requireString(ByteBuffer in) {
        String value = readString(in);
        if (value == null) {
            throw new IllegalArgumentException("null where a string is required");
        }
        return value;
    }

    private static @Nullable String readString(ByteBuffer in) {
        short length = in.getShort();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static @Nullable ByteBuffer readBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        ByteBuffer slice = in.slice();
        slice.limit(length);
        in.position(in.position() + length);
        return slice.asReadOnlyBuffer();
    }

    /** Builds one message in a growing array. */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(64);

        void int16(int value) {
            ensure(2).putShort((short) value);
        }

        void int32(int value) {
            ensure(4).putInt(value);
        }

        void string(@Nullable String value) {
            if (value == null) {
                int16(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("string longer than " + Short.MAX_VALUE + " bytes: " + value);
            }
            int16(utf8.length);
            ensure(utf8.length).put(utf8);
        }

        void bytes(@Nullable ByteBuffer value) {
            if (value == null) {
                int32(-1);
                return;
            }
            ByteBuffer view = value.duplicate();
            int32(view.remaining());
            ensure(view.remaining()).put(view);
        }

        void partitionsByTopic(List<TopicPartition> partitions) {
            Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
            }
            int32(byTopic.size());
            byTopic.forEach((topic, indexes) -> {
                string(topic);
                int32(indexes.size());
                indexes.forEach(this::int32);
            });
        }

        private ByteBuffer ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        ByteBuffer toBuffer() {
            return buffer.flip().slice();
        }
    }
}
