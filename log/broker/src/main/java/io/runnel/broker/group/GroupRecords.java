package io.runnel.broker.group;

import io.runnel.common.TopicPartition;
import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The keys and values of {@code __consumer_offsets} records, byte for byte as Apache Kafka's group coordinator writes
 * them, so that the topic read by Kafka's tools makes sense and a log written by either can be loaded by the other.
 *
 * <pre>
 * key   = int16 type | fields of that type (classic encoding: int16-length strings, big-endian integers)
 *   type 0 or 1: offset commit    group string | topic string | partition int32
 *   type 2:      group metadata   group string
 *   type 3+:     records of Kafka's newer group protocols, which Runnel neither writes nor loads
 *
 * offset commit value = int16 version | fields          (Runnel writes version 3)
 *   v0, v2: offset int64 | metadata string | commitTimestamp int64
 *   v1:     offset int64 | metadata string | commitTimestamp int64 | expireTimestamp int64
 *   v3:     offset int64 | leaderEpoch int32 | metadata string | commitTimestamp int64
 *   v4:     as v3, flexible: compact string, then a tagged-field section
 *
 * group metadata value = int16 version | fields          (Runnel writes version 3)
 *   protocolType string | generation int32 | protocol nullable string | leader nullable string
 *   | currentStateTimestamp int64 (v2+) | members array of:
 *       memberId string | groupInstanceId nullable string (v3+) | clientId string | clientHost string
 *       | rebalanceTimeout int32 (v1+) | sessionTimeout int32 | subscription bytes | assignment bytes
 *   v4 is flexible: compact strings, arrays and bytes, and a tagged-field section after each struct.
 * </pre>
 *
 * A null value is a tombstone: the offset was deleted or expired, or the group was deleted.
 *
 * <p>Stateless and thread-safe.
 */
final class GroupRecords {
    static final short OFFSET_COMMIT_KEY_LEGACY = 0;
    static final short OFFSET_COMMIT_KEY = 1;
    static final short GROUP_METADATA_KEY = 2;
    static final short OFFSET_COMMIT_VALUE_VERSION = 3;
    static final short GROUP_METADATA_VALUE_VERSION = 3;

    private GroupRecords() {}

    /** A decoded key: an offset commit key or a group metadata key. */
    sealed interface Key permits OffsetKey, GroupKey {
        String group();
    }

    /** The key of a committed offset. */
    record OffsetKey(String group, TopicPartition partition) implements Key {}

    /** The key of a group's metadata. */
    record GroupKey(String group) implements Key {}

    /**
     * A committed offset.
     *
     * @param offset the next offset to read
     * @param leaderEpoch the leader epoch of the last record read, or -1
     * @param metadata the application's metadata string
     * @param commitTimestamp when the coordinator accepted the commit, in ms
     */
    record OffsetValue(long offset, int leaderEpoch, String metadata, long commitTimestamp) {
        OffsetValue {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * A group's stored metadata: what a group needs to come back after a restart.
     *
     * @param protocolType e.g. {@code consumer}; empty for a group that only commits offsets
     * @param generation the generation id
     * @param protocol the selected protocol (assignor), or null
     * @param leader the leader's member id, or null
     * @param currentStateTimestamp when the group entered its current state, in ms, or -1
     * @param members the members with their assignments
     */
    record GroupValue(
            String protocolType,
            int generation,
            @Nullable String protocol,
            @Nullable String leader,
            long currentStateTimestamp,
            List<MemberValue> members) {
        GroupValue {
            Objects.requireNonNull(protocolType, "protocolType");
            members = List.copyOf(members);
        }
    }

    /** A member as stored in {@link GroupValue}; the byte buffers are read-only views. */
    record MemberValue(
            String memberId,
            @Nullable String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            ByteBuffer subscription,
            ByteBuffer assignment) {}

    static ByteBuffer offsetKey(String group, TopicPartition tp) {
        ProtocolWriter w = new ProtocolWriter();
        w.writeInt16(OFFSET_COMMIT_KEY);
        w.writeString(group);
        w.writeString(tp.topic());
        w.writeInt32(tp.partition());
        return w.toByteBuffer();
    }

    static ByteBuffer groupKey(String group) {
        ProtocolWriter w = new ProtocolWriter();
        w.writeInt16(GROUP_METADATA_KEY);
        w.writeString(group);
        return w.toByteBuffer();
    }

    static ByteBuffer offsetValue(OffsetValue value) {
        ProtocolWriter w = new ProtocolWriter();
        w.writeInt16(OFFSET_COMMIT_VALUE_VERSION);
        w.writeInt64(value.offset());
        w.writeInt32(value.leaderEpoch());
        w.writeString(value.metadata());
        w.writeInt64(value.commitTimestamp());
        return w.toByteBuffer();
    }

    static ByteBuffer groupValue(GroupValue value) {
        ProtocolWriter w = new ProtocolWriter();
        w.writeInt16(GROUP_METADATA_VALUE_VERSION);
        w.writeString(value.protocolType());
        w.writeInt32(value.generation());
        w.writeNullableString(value.protocol());
        w.writeNullableString(value.leader());
        w.writeInt64(value.currentStateTimestamp());
        w.writeArrayLength(value.members().size());
        for (MemberValue m : value.members()) {
            w.writeString(m.memberId());
            w.writeNullableString(m.groupInstanceId());
            w.writeString(m.clientId());
            w.writeString(m.clientHost());
            w.writeInt32(m.rebalanceTimeoutMs());
            w.writeInt32(m.sessionTimeoutMs());
            w.writeBytes(m.subscription());
            w.writeBytes(m.assignment());
        }
        return w.toByteBuffer();
    }

    /**
     * Decodes a key.
     *
     * @return the key, or null for a record type Runnel does not use (Kafka's newer group protocols)
     * @throws InvalidRequestException if the bytes do not parse
     */
    static @Nullable Key readKey(ByteBuffer bytes) {
        ProtocolReader r = ProtocolReader.of(bytes.duplicate());
        short type = r.readInt16();
        Key key;
        switch (type) {
            case OFFSET_COMMIT_KEY_LEGACY, OFFSET_COMMIT_KEY -> {
                String group = r.readString("OffsetCommitKey.group");
                String topic = r.readString("OffsetCommitKey.topic");
                key = new OffsetKey(group, new TopicPartition(topic, r.readInt32()));
            }
            case GROUP_METADATA_KEY -> key = new GroupKey(r.readString("GroupMetadataKey.group"));
            default -> {
                return null;
            }
        }
        r.ensureFullyRead("__consumer_offsets key of type " + type);
        return key;
    }

    /** @throws InvalidRequestException if the bytes do not parse or the version is unknown */
    static OffsetValue readOffsetValue(ByteBuffer bytes) {
        ProtocolReader r = ProtocolReader.of(bytes.duplicate());
        short version = r.readInt16();
        long offset = r.readInt64();
        OffsetValue value;
        switch (version) {
            case 0, 1, 2 -> {
                String metadata = r.readString("OffsetCommitValue.metadata");
                long commitTimestamp = r.readInt64();
                if (version == 1) {
                    r.readInt64(); // expireTimestamp: retention now counts from the commit, as in Kafka 2.1+
                }
                value = new OffsetValue(offset, -1, metadata, commitTimestamp);
            }
            case 3 -> {
                int epoch = r.readInt32();
                value = new OffsetValue(offset, epoch, r.readString("OffsetCommitValue.metadata"), r.readInt64());
            }
            case 4 -> {
                int epoch = r.readInt32();
                String metadata = r.readCompactString("OffsetCommitValue.metadata");
                value = new OffsetValue(offset, epoch, metadata, r.readInt64());
                skipTaggedFields(r);
            }
            default -> throw new InvalidRequestException("unknown OffsetCommitValue version " + version);
        }
        r.ensureFullyRead("OffsetCommitValue v" + version);
        return value;
    }

    /** @throws InvalidRequestException if the bytes do not parse or the version is unknown */
    static GroupValue readGroupValue(ByteBuffer bytes) {
        ProtocolReader r = ProtocolReader.of(bytes.duplicate());
        short version = r.readInt16();
        if (version < 0 || version > 4) {
            throw new InvalidRequestException("unknown GroupMetadataValue version " + version);
        }
        boolean flexible = version >= 4;
        String protocolType = string(r, flexible, "protocolType");
        int generation = r.readInt32();
        String protocol = nullableString(r, flexible, "protocol");
        String leader = nullableString(r, flexible, "leader");
        long stateTimestamp = version >= 2 ? r.readInt64() : -1L;
        int count = flexible
                ? r.readCompactArrayLength("GroupMetadataValue.members")
                : r.readArrayLength("GroupMetadataValue.members", 1);
        List<MemberValue> members = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            String memberId = string(r, flexible, "memberId");
            String instanceId = version >= 3 ? nullableString(r, flexible, "groupInstanceId") : null;
            String clientId = string(r, flexible, "clientId");
            String clientHost = string(r, flexible, "clientHost");
            int sessionTimeout;
            int rebalanceTimeout;
            if (version >= 1) {
                rebalanceTimeout = r.readInt32();
                sessionTimeout = r.readInt32();
            } else {
                sessionTimeout = r.readInt32();
                rebalanceTimeout = sessionTimeout;
            }
            ByteBuffer subscription = bytes(r, flexible, "subscription");
            ByteBuffer assignment = bytes(r, flexible, "assignment");
            if (flexible) {
                skipTaggedFields(r);
            }
            members.add(new MemberValue(
                    memberId,
                    instanceId,
                    clientId,
                    clientHost,
                    rebalanceTimeout,
                    sessionTimeout,
                    subscription,
                    assignment));
        }
        if (flexible) {
            skipTaggedFields(r);
        }
        r.ensureFullyRead("GroupMetadataValue v" + version);
        return new GroupValue(protocolType, generation, protocol, leader, stateTimestamp, members);
    }

    private static String string(ProtocolReader r, boolean flexible, String field) {
        String label = "GroupMetadataValue." + field;
        return flexible ? r.readCompactString(label) : r.readString(label);
    }

    private static @Nullable String nullableString(ProtocolReader r, boolean flexible, String field) {
        String label = "GroupMetadataValue." + field;
        return flexible ? r.readCompactNullableString(label) : r.readNullableString(label);
    }

    private static ByteBuffer bytes(ProtocolReader r, boolean flexible, String field) {
        String label = "GroupMetadataValue." + field;
        return flexible ? r.readCompactBytes(label) : r.readBytes(label);
    }

    private static void skipTaggedFields(ProtocolReader r) {
        int count = r.readUnsignedVarint();
        for (int i = 0; i < count; i++) {
            r.readUnsignedVarint();
            r.skipTaggedFieldValue();
        }
    }
}
