package io.runnel.client.consumer.internal;

import io.runnel.client.Node;
import io.runnel.client.internal.KafkaClient;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.FindCoordinatorResponse;
import io.runnel.protocol.message.Message;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the group's coordinator with FindCoordinator (key type 0, the group id), as Kafka's {@code
 * AbstractCoordinator.lookupCoordinator}: asked of the least loaded broker, retried after {@code retry.backoff.ms} on
 * errors ({@code COORDINATOR_NOT_AVAILABLE} while the offsets topic is being created), and forgotten on {@code
 * NOT_COORDINATOR} and similar errors of later requests, which makes the next step look it up again.
 *
 * <p>The coordinator gets its own connection, as in Kafka: its node id is {@code Integer.MAX_VALUE - brokerId}, so that
 * heartbeats do not queue behind a long-polling fetch to the same broker.
 *
 * <p>Not thread-safe: the I/O thread owns it.
 */
final class CoordinatorLocator {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorLocator.class);
    private static final byte GROUP_KEY_TYPE = 0;

    private final String groupId;
    private final Time time;
    private final long retryBackoffMs;
    private final long requestTimeoutMs;
    private final String logPrefix;
    private @Nullable Node coordinator;
    private boolean inFlight;
    private long nextAttemptMs;
    private @Nullable RunnelException fatal;

    CoordinatorLocator(String groupId, Time time, long retryBackoffMs, long requestTimeoutMs, String logPrefix) {
        this.groupId = groupId;
        this.time = time;
        this.retryBackoffMs = retryBackoffMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.logPrefix = logPrefix;
    }

    /** The coordinator, or null while it is not known. */
    @Nullable
    Node coordinator() {
        return coordinator;
    }

    /** An error no retry can fix (group authorization), for the application; cleared once taken. */
    @Nullable
    RunnelException takeFatal() {
        RunnelException error = fatal;
        fatal = null;
        return error;
    }

    /**
     * Looks the coordinator up if it is not known and no lookup is in flight or backing off.
     *
     * @return milliseconds until this should be called again
     */
    long ensure(KafkaClient network, List<Node> candidates, long nowMs) {
        if (coordinator != null || inFlight) {
            return Long.MAX_VALUE;
        }
        if (nowMs < nextAttemptMs) {
            return nextAttemptMs - nowMs;
        }
        Node node = network.leastLoadedNode(candidates, nowMs);
        if (node == null || !network.ready(node, nowMs)) {
            return retryBackoffMs;
        }
        inFlight = true;
        log.debug("{} Looking up the coordinator of group {} with {}", logPrefix, groupId, node);
        network.send(
                node,
                ApiKey.FIND_COORDINATOR,
                new FindCoordinatorRequest(GROUP_KEY_TYPE, List.of(groupId)),
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        inFlight = false;
                        handle((FindCoordinatorResponse) body, network);
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        inFlight = false;
                        log.debug("{} FindCoordinator failed: {}", logPrefix, error.toString());
                        nextAttemptMs = nowMs + retryBackoffMs;
                        if (error instanceof UnsupportedVersionException unsupported) {
                            // a broker without group coordination: no retry helps, and Kafka's consumer fails too
                            fatal = unsupported;
                        }
                    }
                },
                true,
                nowMs,
                requestTimeoutMs);
        return requestTimeoutMs;
    }

    private void handle(@Nullable FindCoordinatorResponse response, KafkaClient network) {
        FindCoordinatorResponse.Coordinator answer =
                response == null || response.coordinators().isEmpty()
                        ? null
                        : response.coordinators().get(0);
        Errors error = answer == null ? Errors.UNKNOWN_SERVER_ERROR : Errors.forCode(answer.errorCode());
        if (answer != null && error == Errors.NONE) {
            coordinator = new Node(Integer.MAX_VALUE - answer.nodeId(), answer.host(), answer.port());
            log.info(
                    "{} Discovered group coordinator {}:{} (id: {})",
                    logPrefix,
                    answer.host(),
                    answer.port(),
                    answer.nodeId());
            return;
        }
        nextAttemptMs = time.milliseconds() + retryBackoffMs;
        if (error == Errors.GROUP_AUTHORIZATION_FAILED || error == Errors.INVALID_GROUP_ID) {
            fatal = error.exception("group " + groupId + ": " + error.defaultMessage());
            return;
        }
        log.debug("{} FindCoordinator answered {}; retrying", logPrefix, error);
    }

    /** Forgets the coordinator after {@code reason} and drops its connection, failing its requests. */
    void markUnknown(KafkaClient network, String reason) {
        Node current = coordinator;
        if (current != null) {
            log.info(
                    "{} Group coordinator {} is unavailable or invalid due to cause: {}. Rediscovery will be"
                            + " attempted.",
                    logPrefix,
                    current,
                    reason);
            coordinator = null;
            network.disconnect(current);
        }
    }
}
