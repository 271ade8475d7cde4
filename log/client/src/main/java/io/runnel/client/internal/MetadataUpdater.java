package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.common.Time;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataRequest;
import io.runnel.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Metadata} fresh from the I/O thread: when an update is due and none is in flight, sends a Metadata
 * request for the topics of interest to the least loaded broker (a bootstrap address until the first answer). Not
 * thread-safe: owned by the I/O thread, with the {@link NetworkClient}.
 */
public final class MetadataUpdater {
    private static final Logger log = LoggerFactory.getLogger(MetadataUpdater.class);
    private static final UUID NO_TOPIC_ID = new UUID(0L, 0L);

    private final Metadata metadata;
    private final KafkaClient network;
    private final NetworkConfig config;
    private final Time time;
    private final boolean allowAutoTopicCreation;
    private final String logPrefix;
    private final List<Node> bootstrapNodes;
    private boolean inFlight;

    public MetadataUpdater(
            Metadata metadata,
            KafkaClient network,
            NetworkConfig config,
            Time time,
            boolean allowAutoTopicCreation,
            String logPrefix) {
        this.metadata = metadata;
        this.network = network;
        this.config = config;
        this.time = time;
        this.allowAutoTopicCreation = allowAutoTopicCreation;
        this.logPrefix = logPrefix;
        this.bootstrapNodes = Cluster.bootstrap(config.bootstrapServers()).nodes();
    }

    /** Brokers to ask: the known ones, or the bootstrap addresses before any are known. */
    public List<Node> candidates() {
        List<Node> nodes = metadata.cluster().nodes();
        return nodes.isEmpty() ? bootstrapNodes : nodes;
    }

    /**
     * Sends a metadata request if one is due and possible.
     *
     * @return milliseconds until this should be called again
     */
    public long maybeUpdate(long nowMs) {
        long wait = metadata.timeToNextUpdate(nowMs);
        if (wait > 0 || inFlight) {
            return inFlight ? config.requestTimeout().toMillis() : wait;
        }
        Node node = network.leastLoadedNode(candidates(), nowMs);
        if (node == null) {
            return config.reconnectBackoff().toMillis();
        }
        if (!network.ready(node, nowMs)) {
            return Math.max(1, config.reconnectBackoff().toMillis());
        }
        Set<String> topics = metadata.topics();
        boolean allTopics = metadata.allTopics();
        List<MetadataRequest.MetadataRequestTopic> requested = null;
        if (!allTopics) {
            requested = new ArrayList<>(topics.size());
            for (String topic : topics) {
                requested.add(new MetadataRequest.MetadataRequestTopic(NO_TOPIC_ID, topic));
            }
        }
        inFlight = true;
        metadata.attempted(nowMs);
        log.debug("{} Requesting metadata for {} from {}", logPrefix, allTopics ? "all topics" : topics, node);
        network.send(
                node,
                ApiKey.METADATA,
                new MetadataRequest(requested, allowAutoTopicCreation, false),
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        inFlight = false;
                        if (body instanceof MetadataResponse response) {
                            metadata.update(response, allTopics, time.milliseconds());
                        }
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        inFlight = false;
                        log.debug("{} Metadata request failed: {}", logPrefix, error.toString());
                        metadata.failedUpdate(
                                time.milliseconds(), error instanceof UnsupportedVersionException fatal ? fatal : null);
                    }
                },
                true,
                nowMs,
                config.requestTimeout().toMillis());
        return config.requestTimeout().toMillis();
    }

    /** Whether a metadata request is in flight. */
    public boolean inFlight() {
        return inFlight;
    }
}
