package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.client.PartitionInfo;
import io.runnel.common.TopicPartition;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of what the client knows about the cluster: brokers, and for each topic asked about, its
 * partitions with their leaders, or the error the broker gave for it. Thread-safe.
 */
public final class Cluster {
    private final @Nullable String clusterId;
    private final @Nullable Node controller;
    private final List<Node> nodes;
    private final Map<Integer, Node> nodesById;
    private final Map<String, List<PartitionInfo>> partitionsByTopic;
    private final Map<String, UUID> topicIds;
    private final Map<UUID, String> topicNames;
    private final Map<String, Errors> topicErrors;
    private final Map<String, Boolean> internalTopics;

    private Cluster(
            @Nullable String clusterId,
            @Nullable Node controller,
            List<Node> nodes,
            Map<String, List<PartitionInfo>> partitionsByTopic,
            Map<String, UUID> topicIds,
            Map<String, Errors> topicErrors,
            Map<String, Boolean> internalTopics) {
        this.clusterId = clusterId;
        this.controller = controller;
        this.nodes = List.copyOf(nodes);
        Map<Integer, Node> byId = new HashMap<>();
        for (Node node : nodes) {
            byId.put(node.id(), node);
        }
        this.nodesById = Map.copyOf(byId);
        this.partitionsByTopic = Map.copyOf(partitionsByTopic);
        this.topicIds = Map.copyOf(topicIds);
        Map<UUID, String> names = new HashMap<>();
        topicIds.forEach((name, id) -> names.put(id, name));
        this.topicNames = Map.copyOf(names);
        this.topicErrors = Map.copyOf(topicErrors);
        this.internalTopics = Map.copyOf(internalTopics);
    }

    /** The cluster before any metadata arrived: only the bootstrap addresses, with ids -1, -2, ... */
    public static Cluster bootstrap(List<java.net.InetSocketAddress> addresses) {
        List<Node> nodes = new ArrayList<>();
        int id = -1;
        for (java.net.InetSocketAddress address : addresses) {
            nodes.add(new Node(id--, address.getHostString(), address.getPort()));
        }
        return new Cluster(null, null, nodes, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The cluster a metadata response describes. */
    public static Cluster from(MetadataResponse response) {
        List<Node> nodes = new ArrayList<>();
        Map<Integer, Node> byId = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker broker : response.brokers()) {
            Node node = new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack());
            nodes.add(node);
            byId.put(node.id(), node);
        }
        nodes.sort(Comparator.comparingInt(Node::id));
        Map<String, List<PartitionInfo>> partitions = new HashMap<>();
        Map<String, UUID> ids = new HashMap<>();
        Map<String, Errors> errors = new HashMap<>();
        Map<String, Boolean> internal = new HashMap<>();
        for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
            String name = topic.name();
            if (name == null) {
                continue;
            }
            Errors error = Errors.forCode(topic.errorCode());
            if (error != Errors.NONE) {
                errors.put(name, error);
                continue;
            }
            ids.put(name, topic.topicId());
            internal.put(name, topic.isInternal());
            List<PartitionInfo> infos = new ArrayList<>(topic.partitions().size());
            for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
                infos.add(new PartitionInfo(
                        name,
                        p.partitionIndex(),
                        p.leaderId() >= 0 ? byId.get(p.leaderId()) : null,
                        nodesOf(p.replicaNodes(), byId),
                        nodesOf(p.isrNodes(), byId),
                        nodesOf(p.offlineReplicas(), byId)));
            }
            infos.sort(Comparator.comparingInt(PartitionInfo::partition));
            partitions.put(name, List.copyOf(infos));
        }
        return new Cluster(
                response.clusterId(), byId.get(response.controllerId()), nodes, partitions, ids, errors, internal);
    }

    private static List<Node> nodesOf(List<Integer> ids, Map<Integer, Node> byId) {
        List<Node> nodes = new ArrayList<>(ids.size());
        for (int id : ids) {
            Node node = byId.get(id);
            nodes.add(node != null ? node : new Node(id, "", 0));
        }
        return nodes;
    }

    /**
     * This snapshot with the topics of {@code update} replaced (brokers, controller and cluster id come from {@code
     * update}); used when a metadata request asked about some topics only.
     */
    public Cluster mergeTopics(Cluster update) {
        Map<String, List<PartitionInfo>> partitions = new HashMap<>(partitionsByTopic);
        Map<String, UUID> ids = new HashMap<>(topicIds);
        Map<String, Errors> errors = new HashMap<>(topicErrors);
        Map<String, Boolean> internal = new HashMap<>(internalTopics);
        for (String topic : update.topicsMentioned()) {
            partitions.remove(topic);
            ids.remove(topic);
            errors.remove(topic);
            internal.remove(topic);
        }
        partitions.putAll(update.partitionsByTopic);
        ids.putAll(update.topicIds);
        errors.putAll(update.topicErrors);
        internal.putAll(update.internalTopics);
        return new Cluster(update.clusterId, update.controller, update.nodes, partitions, ids, errors, internal);
    }

    private List<String> topicsMentioned() {
        List<String> topics = new ArrayList<>(partitionsByTopic.keySet());
        topics.addAll(topicErrors.keySet());
        return topics;
    }

    public @Nullable String clusterId() {
        return clusterId;
    }

    public @Nullable Node controller() {
        return controller;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public @Nullable Node node(int id) {
        return nodesById.get(id);
    }

    /** The partitions of {@code topic}, by index, or null if the topic is not known. */
    public @Nullable List<PartitionInfo> partitionsForTopic(String topic) {
        return partitionsByTopic.get(topic);
    }

    /** Every topic with partitions known. */
    public java.util.Set<String> topics() {
        return partitionsByTopic.keySet();
    }

    public @Nullable PartitionInfo partition(TopicPartition tp) {
        List<PartitionInfo> partitions = partitionsByTopic.get(tp.topic());
        return partitions == null || tp.partition() >= partitions.size() ? null : partitions.get(tp.partition());
    }

    public @Nullable Node leaderFor(TopicPartition tp) {
        PartitionInfo info = partition(tp);
        return info == null ? null : info.leader();
    }

    public @Nullable UUID topicId(String topic) {
        return topicIds.get(topic);
    }

    public @Nullable String topicName(UUID topicId) {
        return topicNames.get(topicId);
    }

    /** The error the broker gave for {@code topic} (for example {@code UNKNOWN_TOPIC_OR_PARTITION}), or null. */
    public @Nullable Errors topicError(String topic) {
        return topicErrors.get(topic);
    }

    public boolean isInternal(String topic) {
        return Boolean.TRUE.equals(internalTopics.get(topic));
    }
}
