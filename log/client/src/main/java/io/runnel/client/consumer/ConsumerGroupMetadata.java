package io.runnel.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * The consumer's membership of its group, as Kafka's {@code ConsumerGroupMetadata}; what a transactional producer sends
 * with {@code sendOffsetsToTransaction}. Immutable.
 *
 * @param groupId the {@code group.id}
 * @param generationId the generation the consumer last joined, -1 when it is not in one
 * @param memberId the member id the coordinator gave the consumer, {@code ""} when it has none
 * @param groupInstanceId the {@code group.instance.id} of a static member
 */
public record ConsumerGroupMetadata(
        String groupId, int generationId, String memberId, Optional<String> groupInstanceId) {
    public ConsumerGroupMetadata {
        Objects.requireNonNull(groupId, "group.id can't be null");
        Objects.requireNonNull(memberId, "member.id can't be null");
        Objects.requireNonNull(groupInstanceId, "group.instance.id can't be null");
    }

    /** A group's metadata with no generation, member id or instance id. */
    public ConsumerGroupMetadata(String groupId) {
        this(groupId, -1, "", Optional.empty());
    }
}
