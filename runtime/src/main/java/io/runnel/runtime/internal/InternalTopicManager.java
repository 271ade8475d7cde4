package io.runnel.runtime.internal;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.TopicDescription;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.runtime.internal.TopologyMetadata.Subtopology;
import io.runnel.state.StoreBuilder;
import io.runnel.state.internal.builder.SessionStoreBuilder;
import io.runnel.state.internal.builder.WindowStoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.errors.MissingSourceTopicException;
import io.runnel.streams.errors.StreamsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the topics an application needs before its threads start, through the admin client:
 *
 * <ol>
 *   <li>the source topics must exist ({@link MissingSourceTopicException} lists those that do not);
 *   <li>each repartition topic gets as many partitions as the sub-topologies that write it read (the most of their
 *       input topics), or as the other input topics of the sub-topology that reads it;
 *   <li>a stateful sub-topology's input topics must be co-partitioned (same number of partitions), since task
 *       {@code <sub-topology>_<p>} keeps the state of partition {@code p} of every one of them;
 *   <li>repartition topics ({@code <application.id>-<name>-repartition}) and changelog topics ({@code
 *       <application.id>-<store>-changelog}, compacted; windowed and session stores' compacted and deleted after the
 *       store's retention plus {@code windowstore.changelog.additional.retention.ms}) are created with the
 *       sub-topology's partition count, or checked if they exist.
 * </ol>
 *
 * <p>Used once per start by one thread; borrows the admin client.
 */
public final class InternalTopicManager {
    private static final Logger log = LoggerFactory.getLogger(InternalTopicManager.class);

    private final Admin admin;
    private final StreamsConfig config;
    private final Duration timeout;

    public InternalTopicManager(Admin admin, StreamsConfig config, Duration timeout) {
        this.admin = admin;
        this.config = config;
        this.timeout = timeout;
    }

    /**
     * Checks and creates the topics; returns the number of tasks (partitions) of each sub-topology.
     *
     * @throws MissingSourceTopicException if a source topic does not exist
     * @throws StreamsException if topics are not co-partitioned, an internal topic exists with other partitions, or
     *     the cluster cannot be reached within the timeout
     */
    public Map<Integer, Integer> prepare(TopologyMetadata topology) {
        Map<String, Integer> partitions = new HashMap<>(describe(topology.externalSourceTopics()));
        Set<String> missing = new TreeSet<>(topology.externalSourceTopics());
        missing.removeAll(partitions.keySet());
        if (!missing.isEmpty()) {
            throw new MissingSourceTopicException("Source topics " + missing + " of application "
                    + config.applicationId() + " do not exist; create them before starting RunnelStreams");
        }
        resolveRepartitionPartitions(topology, partitions);
        Map<Integer, Integer> tasks = new TreeMap<>();
        for (Subtopology sub : topology.subtopologies().values()) {
            tasks.put(sub.id(), tasksOf(sub, partitions));
        }
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        for (String topic : topology.internalTopics()) {
            wanted.put(
                    topic,
                    newTopic(topic, Objects.requireNonNull(partitions.get(topic)), Map.of("cleanup.policy", "delete")));
        }
        for (Subtopology sub : topology.subtopologies().values()) {
            for (StoreBuilder<?> store : sub.loggedStores()) {
                String topic = TaskRecordCollector.changelogTopic(config.applicationId(), store.name());
                wanted.put(topic, newTopic(topic, Objects.requireNonNull(tasks.get(sub.id())), changelogConfig(store)));
            }
        }
        ensure(wanted);
        return tasks;
    }

    private int tasksOf(Subtopology sub, Map<String, Integer> partitions) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String topic : sub.sourceTopics()) {
            counts.put(topic, partitions.get(topic));
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (!sub.stores().isEmpty() && counts.values().stream().distinct().count() > 1) {
            throw new StreamsException("Topics " + counts + " are not co-partitioned: sub-topology " + sub.id()
                    + " reads them into state stores, so they need the same number of partitions (repartition one"
                    + " of them, or create them alike)");
        }
        return max;
    }

    private void resolveRepartitionPartitions(TopologyMetadata topology, Map<String, Integer> partitions) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String topic : topology.internalTopics()) {
                if (partitions.containsKey(topic)) {
                    continue;
                }
                Integer count = fromOtherInputs(topology, topic, partitions);
                if (count == null) {
                    count = fromWriters(topology, topic, partitions);
                }
                if (count != null) {
                    partitions.put(topic, count);
                    progress = true;
                }
            }
        }
        for (String topic : topology.internalTopics()) {
            if (!partitions.containsKey(topic)) {
                throw new StreamsException("Cannot tell how many partitions repartition topic " + topic
                        + " needs: the sub-topologies writing it read no topic of known size");
            }
        }
    }

    private static @org.jspecify.annotations.Nullable Integer fromOtherInputs(
            TopologyMetadata topology, String topic, Map<String, Integer> partitions) {
        Integer reader = topology.readerOf(topic);
        if (reader == null) {
            return null;
        }
        Integer max = null;
        for (String other :
                Objects.requireNonNull(topology.subtopologies().get(reader)).sourceTopics()) {
            if (!topology.internalTopics().contains(other) && partitions.containsKey(other)) {
                max = Math.max(max == null ? 0 : max, partitions.get(other));
            }
        }
        return max;
    }

    private static @org.jspecify.annotations.Nullable Integer fromWriters(
            TopologyMetadata topology, String topic, Map<String, Integer> partitions) {
        Integer max = null;
        for (Subtopology writer : topology.subtopologies().values()) {
            if (!writer.sinkTopics().contains(topic)) {
                continue;
            }
            for (String input : writer.sourceTopics()) {
                Integer count = partitions.get(input);
                if (count == null) {
                    return null;
                }
                max = Math.max(max == null ? 0 : max, count);
            }
        }
        return max;
    }

    private Map<String, String> changelogConfig(StoreBuilder<?> store) {
        Map<String, String> configs = new TreeMap<>();
        long retention = -1;
        if (store instanceof WindowStoreBuilder<?> window) {
            retention = window.retentionPeriod();
        } else if (store instanceof SessionStoreBuilder<?, ?> session) {
            retention = session.retentionPeriod();
        }
        if (retention >= 0) {
            long additional =
                    config.execution().windowStoreChangelogAdditionalRetention().toMillis();
            configs.put("cleanup.policy", "compact,delete");
            configs.put("retention.ms", Long.toString(saturatedAdd(retention, additional)));
        } else {
            configs.put("cleanup.policy", "compact");
        }
        configs.putAll(store.logConfig());
        return configs;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
        int rf = config.execution().replicationFactor();
        return new NewTopic(name, Optional.of(partitions), rf < 0 ? Optional.empty() : Optional.of((short) rf))
                .configs(configs);
    }

    private void ensure(Map<String, NewTopic> wanted) {
        Map<String, Integer> existing = describe(wanted.keySet());
        List<NewTopic> toCreate = wanted.values().stream()
                .filter(t -> !existing.containsKey(t.name()))
                .toList();
        for (Map.Entry<String, Integer> e : existing.entrySet()) {
            int expected = Objects.requireNonNull(wanted.get(e.getKey())).numPartitions();
            if (e.getValue() != expected) {
                throw new StreamsException("Internal topic " + e.getKey() + " has " + e.getValue()
                        + " partitions but the application needs " + expected + "; delete it (and reset the"
                        + " application) or restore its input topics' partition counts");
            }
        }
        if (toCreate.isEmpty()) {
            return;
        }
        Map<String, CompletableFuture<Void>> results =
                admin.createTopics(toCreate).values();
        for (NewTopic topic : toCreate) {
            try {
                await(Objects.requireNonNull(results.get(topic.name())), "create topic " + topic.name());
                log.info(
                        "[{}] Created internal topic {} with {} partitions and {}",
                        config.applicationId(),
                        topic.name(),
                        topic.numPartitions(),
                        topic.configs());
            } catch (TopicExistsException e) {
                log.info("[{}] Internal topic {} was created meanwhile", config.applicationId(), topic.name());
            }
        }
    }

    /** The partition counts of the topics that exist. */
    private Map<String, Integer> describe(Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, CompletableFuture<TopicDescription>> futures =
                admin.describeTopics(topics).topicNameValues();
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<TopicDescription>> e : futures.entrySet()) {
            try {
                out.put(
                        e.getKey(),
                        await(e.getValue(), "describe topic " + e.getKey())
                                .partitions()
                                .size());
            } catch (UnknownTopicOrPartitionException missing) {
                log.debug("[{}] Topic {} does not exist", config.applicationId(), e.getKey());
            }
        }
        return out;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StreamsException("Could not " + what + " within " + timeout + ": is the cluster at "
                    + config.execution().bootstrapServers() + " reachable?");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TopicExistsException exists) {
                throw exists;
            }
            if (cause instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            throw new StreamsException("Could not " + what + ": " + cause, cause);
        }
    }
}
