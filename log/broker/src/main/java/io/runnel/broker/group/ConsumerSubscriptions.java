package io.runnel.broker.group;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.types.ProtocolReader;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * The topics a consumer group's members subscribe to, read from the metadata they sent in JoinGroup: Kafka's consumer
 * protocol subscription, {@code version int16 | topics [string] | ...} (every version, 0 to 3, starts this way).
 * Groups of other protocol types (Kafka Connect, Kafka Streams' own) carry other formats and are not read.
 */
final class ConsumerSubscriptions {
    /** The protocol type of consumer groups. */
    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerSubscriptions() {}

    /**
     * The union of the members' subscribed topics; empty when any member's subscription cannot be read, which the
     * callers take to mean "any topic may be in use".
     */
    static Set<String> subscribedTopics(ClassicGroup group) {
        Set<String> topics = new HashSet<>();
        for (GroupMember member : group.members().values()) {
            ByteBuffer metadata = member.metadata(group.protocolName());
            try {
                ProtocolReader r = ProtocolReader.of(metadata);
                r.readInt16();
                int count = r.readArrayLength("ConsumerProtocolSubscription.topics", 2);
                for (int i = 0; i < count; i++) {
                    topics.add(r.readString("ConsumerProtocolSubscription.topics"));
                }
            } catch (InvalidRequestException | java.nio.BufferUnderflowException e) {
                return Set.of();
            }
        }
        return topics;
    }
}
