package io.runnel.client.admin;

import io.runnel.client.Node;
import io.runnel.client.admin.internal.AdminRunner;
import io.runnel.client.admin.internal.Call;
import io.runnel.client.admin.internal.ClusterCalls;
import io.runnel.client.admin.internal.ConfigCalls;
import io.runnel.client.admin.internal.CreatedTopic;
import io.runnel.client.admin.internal.GroupCalls;
import io.runnel.client.admin.internal.GroupOffsetCalls;
import io.runnel.client.admin.internal.OffsetCalls;
import io.runnel.client.admin.internal.TopicCalls;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.InvalidGroupIdException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Admin} implementation. Each call builds its futures, hands a {@link Call} to the I/O thread ({@link
 * AdminRunner}, thread {@code runnel-admin-<client.id>}), and returns. Thread-safe. Owns its I/O thread, which {@link
 * #close(Duration)} stops.
 */
public final class RunnelAdmin implements Admin {
    private static final Logger log = LoggerFactory.getLogger(RunnelAdmin.class);

    private final AdminConfig config;
    private final Time time;
    private final String logPrefix;
    private final AdminRunner runner;
    private final Thread ioThread;
    private boolean closed;

    public RunnelAdmin(AdminConfig config) {
        this(config, Time.SYSTEM);
    }

    RunnelAdmin(AdminConfig config, Time time) {
        this.config = config;
        this.time = time;
        this.logPrefix = "[AdminClient clientId=" + config.network().clientId() + "]";
        this.runner = new AdminRunner(config.network(), time, logPrefix);
        this.ioThread = new Thread(runner, "runnel-admin-" + config.network().clientId());
        ioThread.setDaemon(true);
        ioThread.start();
        log.info("{} Started", logPrefix);
    }

    private long deadline(AbstractOptions<?> options) {
        Integer timeoutMs = options.timeoutMs();
        return time.milliseconds()
                + (timeoutMs != null ? timeoutMs : config.defaultApiTimeout().toMillis());
    }

    private void submit(Call call) {
        if (!runner.submit(call)) {
            call.failNow(new IllegalStateException("the admin client is closed"));
        }
    }

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
        Map<String, CompletableFuture<CreatedTopic>> futures = new LinkedHashMap<>();
        List<NewTopic> valid = new ArrayList<>();
        for (NewTopic topic : newTopics) {
            CompletableFuture<CreatedTopic> future = new CompletableFuture<>();
            if (futures.putIfAbsent(topic.name(), future) != null) {
                futures.get(topic.name())
                        .completeExceptionally(
                                new IllegalArgumentException("topic " + topic.name() + " is listed twice"));
                continue;
            }
            valid.add(topic);
        }
        if (!valid.isEmpty()) {
            submit(TopicCalls.createTopics(valid, options.shouldValidateOnly(), futures, deadline(options)));
        }
        return new CreateTopicsResult(futures);
    }

    @Override
    public DeleteTopicsResult deleteTopics(Collection<String> topics, DeleteTopicsOptions options) {
        Map<String, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        topics.forEach(topic -> futures.put(topic, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(TopicCalls.deleteTopics(futures.keySet(), futures, deadline(options)));
        }
        return new DeleteTopicsResult(futures);
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        CompletableFuture<Map<String, TopicListing>> future = new CompletableFuture<>();
        submit(TopicCalls.listTopics(options.shouldListInternal(), future, deadline(options)));
        return new ListTopicsResult(future);
    }

    @Override
    public DescribeTopicsResult describeTopics(Collection<String> topicNames, DescribeTopicsOptions options) {
        Map<String, CompletableFuture<TopicDescription>> futures = new LinkedHashMap<>();
        topicNames.forEach(topic -> futures.put(topic, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(TopicCalls.describeTopics(futures.keySet(), futures, deadline(options)));
        }
        return new DescribeTopicsResult(futures);
    }

    @Override
    public DescribeClusterResult describeCluster(DescribeClusterOptions options) {
        CompletableFuture<Collection<Node>> nodes = new CompletableFuture<>();
        CompletableFuture<@Nullable Node> controller = new CompletableFuture<>();
        CompletableFuture<String> clusterId = new CompletableFuture<>();
        submit(ClusterCalls.describeCluster(nodes, controller, clusterId, deadline(options)));
        return new DescribeClusterResult(nodes, controller, clusterId);
    }

    @Override
    public ListOffsetsResult listOffsets(
            Map<TopicPartition, OffsetSpec> topicPartitionOffsets, ListOffsetsOptions options) {
        Map<TopicPartition, CompletableFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new LinkedHashMap<>();
        topicPartitionOffsets.keySet().forEach(tp -> futures.put(tp, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(OffsetCalls.listOffsets(topicPartitionOffsets, futures, deadline(options)));
        }
        return new ListOffsetsResult(futures);
    }

    @Override
    public DeleteRecordsResult deleteRecords(
            Map<TopicPartition, RecordsToDelete> recordsToDelete, DeleteRecordsOptions options) {
        Map<TopicPartition, CompletableFuture<DeletedRecords>> futures = new LinkedHashMap<>();
        recordsToDelete.keySet().forEach(tp -> futures.put(tp, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(OffsetCalls.deleteRecords(recordsToDelete, futures, deadline(options)));
        }
        return new DeleteRecordsResult(futures);
    }

    @Override
    public DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources, DescribeConfigsOptions options) {
        Map<ConfigResource, CompletableFuture<Config>> futures = new LinkedHashMap<>();
        resources.forEach(resource -> futures.put(resource, new CompletableFuture<>()));
        long deadline = deadline(options);
        ConfigCalls.byTarget(futures)
                .forEach((broker, group) -> submit(ConfigCalls.describeConfigs(
                        broker, group, options.includeSynonyms(), options.includeDocumentation(), deadline)));
        return new DescribeConfigsResult(futures);
    }

    @Override
    public AlterConfigsResult incrementalAlterConfigs(
            Map<ConfigResource, Collection<AlterConfigOp>> configs, AlterConfigsOptions options) {
        Map<ConfigResource, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        configs.keySet().forEach(resource -> futures.put(resource, new CompletableFuture<>()));
        long deadline = deadline(options);
        ConfigCalls.byTarget(futures).forEach((broker, group) -> {
            Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
            group.keySet().forEach(resource -> ops.put(resource, List.copyOf(configs.get(resource))));
            submit(ConfigCalls.incrementalAlterConfigs(broker, ops, group, options.shouldValidateOnly(), deadline));
        });
        return new AlterConfigsResult(futures);
    }

    @Override
    public ListConsumerGroupsResult listConsumerGroups(ListConsumerGroupsOptions options) {
        CompletableFuture<Collection<ConsumerGroupListing>> valid = new CompletableFuture<>();
        CompletableFuture<Collection<Throwable>> errors = new CompletableFuture<>();
        submit(GroupCalls.listConsumerGroups(options.groupStates(), options.types(), valid, errors, deadline(options)));
        return new ListConsumerGroupsResult(valid, errors);
    }

    @Override
    public DescribeConsumerGroupsResult describeConsumerGroups(
            Collection<String> groupIds, DescribeConsumerGroupsOptions options) {
        Map<String, CompletableFuture<ConsumerGroupDescription>> futures = groupFutures(groupIds);
        List<String> pending = pending(futures);
        if (!pending.isEmpty()) {
            submit(GroupCalls.describeConsumerGroups(pending, futures, deadline(options)));
        }
        return new DescribeConsumerGroupsResult(futures);
    }

    @Override
    public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            Map<String, ListConsumerGroupOffsetsSpec> groupSpecs, ListConsumerGroupOffsetsOptions options) {
        Map<String, CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>>> futures =
                groupFutures(groupSpecs.keySet());
        Map<String, @Nullable List<TopicPartition>> partitions = new LinkedHashMap<>();
        List<String> pending = pending(futures);
        groupSpecs.forEach((group, spec) -> {
            Collection<TopicPartition> requested = spec.topicPartitions();
            if (pending.contains(group)) {
                partitions.put(group, requested == null ? null : List.copyOf(requested));
            }
        });
        if (!partitions.isEmpty()) {
            submit(GroupOffsetCalls.listConsumerGroupOffsets(
                    partitions, options.requireStable(), futures, deadline(options)));
        }
        return new ListConsumerGroupOffsetsResult(futures);
    }

    @Override
    public AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets, AlterConsumerGroupOffsetsOptions options) {
        validGroupId(groupId);
        Map<TopicPartition, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        offsets.keySet().forEach(tp -> futures.put(tp, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(GroupOffsetCalls.alterConsumerGroupOffsets(groupId, offsets, futures, deadline(options)));
        }
        return new AlterConsumerGroupOffsetsResult(futures);
    }

    @Override
    public DeleteConsumerGroupsResult deleteConsumerGroups(
            Collection<String> groupIds, DeleteConsumerGroupsOptions options) {
        Map<String, CompletableFuture<Void>> futures = groupFutures(groupIds);
        List<String> pending = pending(futures);
        if (!pending.isEmpty()) {
            submit(GroupCalls.deleteConsumerGroups(pending, futures, deadline(options)));
        }
        return new DeleteConsumerGroupsResult(futures);
    }

    @Override
    public DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(
            String groupId, Set<TopicPartition> partitions, DeleteConsumerGroupOffsetsOptions options) {
        validGroupId(groupId);
        Map<TopicPartition, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        partitions.forEach(tp -> futures.put(tp, new CompletableFuture<>()));
        if (!futures.isEmpty()) {
            submit(GroupOffsetCalls.deleteConsumerGroupOffsets(groupId, partitions, futures, deadline(options)));
        }
        return new DeleteConsumerGroupOffsetsResult(futures);
    }

    /** A future per group id, in the caller's order; an empty id fails at once, as Kafka's client does. */
    private static <V> Map<String, CompletableFuture<V>> groupFutures(Collection<String> groupIds) {
        Map<String, CompletableFuture<V>> futures = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            CompletableFuture<V> future = new CompletableFuture<>();
            if (groupId.isEmpty()) {
                future.completeExceptionally(new InvalidGroupIdException("the group id must not be empty"));
            }
            futures.put(groupId, future);
        }
        return futures;
    }

    /** The groups whose futures are not failed already: those to send. */
    private static List<String> pending(Map<String, ? extends CompletableFuture<?>> futures) {
        List<String> pending = new ArrayList<>();
        futures.forEach((groupId, future) -> {
            if (!future.isDone()) {
                pending.add(groupId);
            }
        });
        return pending;
    }

    private static void validGroupId(String groupId) {
        if (groupId.isEmpty()) {
            throw new InvalidGroupIdException("the group id must not be empty");
        }
    }

    @Override
    public void close() {
        close(config.defaultApiTimeout());
    }

    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long now = time.milliseconds();
        runner.initiateClose(now + Math.min(timeout.toMillis(), Long.MAX_VALUE - now));
        try {
            ioThread.join();
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
        log.info("{} Closed", logPrefix);
    }
}
