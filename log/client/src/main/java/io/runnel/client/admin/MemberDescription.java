package io.runnel.client.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * A member of a consumer group, as Kafka's {@code MemberDescription}. Immutable.
 *
 * @param consumerId the member id the coordinator gave the consumer
 * @param groupInstanceId the consumer's {@code group.instance.id}, for a static member
 * @param clientId the consumer's {@code client.id}
 * @param host the address the consumer connected from, as the coordinator saw it (Kafka prints {@code /1.2.3.4})
 * @param assignment the partitions the group's leader assigned to it (empty during a rebalance)
 */
public record MemberDescription(
        String consumerId,
        Optional<String> groupInstanceId,
        String clientId,
        String host,
        MemberAssignment assignment) {
    public MemberDescription {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(groupInstanceId, "groupInstanceId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(assignment, "assignment");
    }

    /** A dynamic member (no {@code group.instance.id}). */
    public MemberDescription(String consumerId, String clientId, String host, MemberAssignment assignment) {
        this(consumerId, Optional.empty(), clientId, host, assignment);
    }
}
