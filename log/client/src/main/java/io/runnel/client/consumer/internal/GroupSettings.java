package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * What the group coordinator client needs from the consumer's configuration. Immutable.
 *
 * @param groupId {@code group.id}
 * @param groupInstanceId {@code group.instance.id} of a static member
 * @param sessionTimeoutMs {@code session.timeout.ms}
 * @param heartbeatIntervalMs {@code heartbeat.interval.ms}
 * @param rebalanceTimeoutMs {@code max.poll.interval.ms}, sent as the rebalance timeout and enforced on polls
 * @param autoCommit whether positions are committed automatically
 * @param autoCommitIntervalMs {@code auto.commit.interval.ms}
 * @param leaveGroupOnClose {@code internal.leave.group.on.close}
 * @param requestTimeoutMs {@code request.timeout.ms}
 * @param retryBackoffMs {@code retry.backoff.ms}
 */
public record GroupSettings(
        String groupId,
        Optional<String> groupInstanceId,
        int sessionTimeoutMs,
        int heartbeatIntervalMs,
        int rebalanceTimeoutMs,
        boolean autoCommit,
        long autoCommitIntervalMs,
        boolean leaveGroupOnClose,
        long requestTimeoutMs,
        long retryBackoffMs) {
    public GroupSettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(groupInstanceId, "groupInstanceId");
    }

    /** The settings of a consumer configured with {@code groupId}. */
    public static GroupSettings from(ConsumerConfig config, String groupId) {
        return new GroupSettings(
                groupId,
                config.groupInstanceId(),
                Math.toIntExact(config.sessionTimeout().toMillis()),
                Math.toIntExact(config.heartbeatInterval().toMillis()),
                Math.toIntExact(config.maxPollInterval().toMillis()),
                config.enableAutoCommit(),
                config.autoCommitInterval().toMillis(),
                config.leaveGroupOnClose(),
                config.network().requestTimeout().toMillis(),
                config.network().retryBackoff().toMillis());
    }

    /** The {@code group.instance.id} as the wire wants it: null for a dynamic member. */
    public @org.jspecify.annotations.Nullable String instanceIdOrNull() {
        return groupInstanceId.orElse(null);
    }
}
