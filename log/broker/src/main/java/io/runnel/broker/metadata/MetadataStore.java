package io.runnel.broker.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.common.errors.InvalidPartitionsException;
import io.runnel.common.errors.InvalidReplicationFactorException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster metadata in ZooKeeper, through Apache Curator: live brokers and topics with their replica assignments and
 * config overrides.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   /runnel/brokers/ids/&lt;id&gt;    ephemeral: {"host": "...", "port": 9092, "rack": null}
 *   /runnel/topics/&lt;name&gt;       {"version": 1, "id": "&lt;uuid&gt;", "partitions": {"0": [1, 2]}, "configs": {...}}
 * </pre>
 *
 * <p>Writes go to ZooKeeper synchronously. Reads ({@link #topics()}, {@link #liveBrokers()}) are served from local
 * caches kept current by ZooKeeper watches, so they never block; they lag a write by the watch round trip.
 * Listeners are called on Curator's event thread after the cache changes, and must not block.
 *
 * <p>Thread-safe. Owns its Curator client and caches; {@link #close()} closes them (and with them this broker's
 * ephemeral registration).
 */
public final class MetadataStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetadataStore.class);
    private static final String ROOT = "/runnel";
    static final String BROKERS = ROOT + "/brokers/ids";
    static final String TOPICS = ROOT + "/topics";
    static final String PRODUCER_ID_BLOCK = ROOT + "/latest-producer-id-block";
    static final String CLUSTER_ID = ROOT + "/cluster/id";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Told about metadata changes. A change made through this store is told before the call that made it returns, and
     * may be told again when its ZooKeeper watch fires, so listeners must be idempotent.
     */
    public interface Listener {
        /** A topic was created or its metadata changed. */
        void topicChanged(TopicMetadata topic);

        /** A topic was deleted. */
        void topicDeleted(String name);
    }

    private final CuratorFramework client;
    private final CuratorCache topicCache;
    private final CuratorCache brokerCache;
    private final ConcurrentHashMap<String, TopicMetadata> topics = new ConcurrentHashMap<>();
    /** Topic names by id, beside {@link #topics}, so that a request naming topics by id costs no scan of all topics. */
    private final ConcurrentHashMap<UUID, String> namesById = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<Integer, BrokerInfo> brokers = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Random random = new Random();
    private final CountDownLatch topicsLoaded = new CountDownLatch(1);

    private MetadataStore(CuratorFramework client) {
        this.client = client;
        this.topicCache = CuratorCache.build(client, TOPICS);
        this.brokerCache = CuratorCache.build(client, BROKERS);
    }

    /**
     * Connects to ZooKeeper and loads the caches.
     *
     * @param connectString {@code zookeeper.connect}
     * @param sessionTimeout {@code zookeeper.session.timeout.ms}: how long a broker may be silent before its
     *     registration disappears
     * @param connectTimeout how long to wait for the first connection
     * @throws MetadataStoreException if ZooKeeper cannot be reached in time
     */
    public static MetadataStore connect(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 2000))
                .build();
        client.start();
        MetadataStore store = new MetadataStore(client);
        try {
            if (!client.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MetadataStoreException(
                        "cannot reach ZooKeeper at " + connectString + " within " + connectTimeout.toMillis() + " ms");
            }
            client.createContainers(TOPICS);
            client.createContainers(BROKERS);
            store.startCaches();
            // The broker opens its logs with their topics' configs, so the topic cache must be loaded first.
            if (!store.topicsLoaded.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MetadataStoreException(
                        "cannot load topic metadata from ZooKeeper within " + connectTimeout.toMillis() + " ms");
            }
            return store;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new MetadataStoreException("interrupted while connecting to ZooKeeper", e);
        } catch (MetadataStoreException e) {
            store.close();
            throw e;
        } catch (Exception e) {
            store.close();
            throw new MetadataStoreException("cannot initialise metadata in ZooKeeper: " + e.getMessage(), e);
        }
    }

    private void startCaches() {
        topicCache
                .listenable()
                .addListener(CuratorCacheListener.builder()
                        .forCreatesAndChanges((oldNode, node) -> onTopicNode(node))
                        .forDeletes(this::onTopicDeleted)
                        .forInitialized(topicsLoaded::countDown)
                        .build());
        brokerCache
                .listenable()
                .addListener(CuratorCacheListener.builder()
                        .forCreatesAndChanges((oldNode, node) -> onBrokerNode(node))
                        .forDeletes(node -> {
                            Integer id = childId(node.getPath(), BROKERS);
                            if (id != null) {
                                brokers.remove(id);
                            }
                        })
                        .build());
        topicCache.start();
        brokerCache.start();
    }

    private void onTopicNode(ChildData node) {
        String name = childName(node.getPath(), TOPICS);
        if (name == null || node.getData() == null) {
            return;
        }
        TopicMetadata topic;
        try {
            topic = decodeTopic(name, node.getData());
        } catch (RuntimeException e) {
            log.error("Ignoring unreadable metadata of topic {}", name, e);
            return;
        }
        putTopic(topic);
        for (Listener listener : listeners) {
            try {
                listener.topicChanged(topic);
            } catch (RuntimeException e) {
                log.error("Could not apply the metadata of topic {} on this broker: {}", name, e.getMessage());
            }
        }
    }

    private void putTopic(TopicMetadata topic) {
        TopicMetadata previous = topics.put(topic.name(), topic);
        if (previous != null && !previous.topicId().equals(topic.topicId())) {
            namesById.remove(previous.topicId(), previous.name());
        }
        namesById.put(topic.topicId(), topic.name());
    }

    private @Nullable TopicMetadata removeTopic(String name) {
        TopicMetadata removed = topics.remove(name);
        if (removed != null) {
            namesById.remove(removed.topicId(), name);
        }
        return removed;
    }

    private void onTopicDeleted(ChildData node) {
        String name = childName(node.getPath(), TOPICS);
        if (name != null && removeTopic(name) != null) {
            for (Listener listener : listeners) {
                listener.topicDeleted(name);
            }
        }
    }

    private void onBrokerNode(ChildData node) {
        Integer id = childId(node.getPath(), BROKERS);
        if (id == null || node.getData() == null) {
            return;
        }
        try {
            JsonNode fields = JSON.readTree(node.getData());
            JsonNode rack = fields.path("rack");
            brokers.put(
                    id,
                    new BrokerInfo(
                            id,
                            fields.required("host").asText(),
                            fields.required("port").asInt(),
                            rack.isTextual() ? rack.asText() : null));
        } catch (java.io.IOException | RuntimeException e) {
            log.error("Ignoring unreadable registration of broker {}", id, e);
        }
    }

    private static @Nullable String childName(String path, String parent) {
        if (!path.startsWith(parent + "/")) {
            return null;
        }
        String name = path.substring(parent.length() + 1);
        return name.contains("/") ? null : name;
    }

    private static @Nullable Integer childId(String path, String parent) {
        String name = childName(path, parent);
        if (name == null) {
            return null;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Registers this broker as live: an ephemeral node that disappears when the session ends.
     *
     * <p>A node left by an earlier run of this broker (killed before its ZooKeeper session ended) stays until that
     * session expires. With {@code staleOwner = TAKE_OVER} the caller vouches that no other process can be using
     * the id (a broker with its own embedded ZooKeeper, whose data directory it holds locked) and the node is
     * replaced at once; with {@code WAIT} the registration waits up to {@code staleWait} for the node to go, as a
     * broker restarted right after a crash must, and fails only if it is still there.
     *
     * @throws MetadataStoreException if another live broker holds the id
     */
    public void registerBroker(BrokerInfo broker, StaleRegistration staleOwner, Duration staleWait) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", broker.host());
        fields.put("port", broker.port());
        fields.put("rack", broker.rack());
        String path = BROKERS + "/" + broker.id();
        long deadline = System.nanoTime() + staleWait.toNanos();
        try {
            byte[] data = JSON.writeValueAsBytes(fields);
            while (true) {
                try {
                    client.create().withMode(CreateMode.EPHEMERAL).forPath(path, data);
                    break;
                } catch (KeeperException.NodeExistsException e) {
                    if (!awaitStaleRegistration(broker.id(), path, staleOwner, deadline)) {
                        throw new MetadataStoreException(
                                "broker id " + broker.id() + " is already registered by a live broker", e);
                    }
                }
            }
            brokers.put(broker.id(), broker);
            log.info("Registered broker {} at {}:{}", broker.id(), broker.host(), broker.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataStoreException("interrupted while registering broker " + broker.id(), e);
        } catch (MetadataStoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure("register broker " + broker.id(), e);
        }
    }

    /** What {@link #registerBroker} does with a registration left by a session other than its own. */
    public enum StaleRegistration {
        /** Wait for the old session to expire. */
        WAIT,
        /** Delete the node now: the caller knows no other process uses the broker id. */
        TAKE_OVER
    }

    /**
     * Deals with an existing registration node: gone already, or deleted, or waited out.
     *
     * @return true to try creating the node again; false if a live session holds it past the deadline
     */
    private boolean awaitStaleRegistration(int brokerId, String path, StaleRegistration staleOwner, long deadline)
            throws Exception {
        CountDownLatch changed = new CountDownLatch(1);
        Stat stat = client.checkExists()
                .usingWatcher((Watcher) event -> changed.countDown())
                .forPath(path);
        if (stat == null) {
            return true;
        }
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        if (stat.getEphemeralOwner() == session) {
            throw new MetadataStoreException("broker id " + brokerId + " is already registered by this broker");
        }
        if (staleOwner == StaleRegistration.TAKE_OVER) {
            log.info(
                    "Broker id {} is registered by ZooKeeper session 0x{}, left by an earlier run; replacing it",
                    brokerId,
                    Long.toHexString(stat.getEphemeralOwner()));
            try {
                client.delete().withVersion(stat.getVersion()).forPath(path);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException raced) {
                // gone or replaced meanwhile: try again
            }
            return true;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        log.info(
                "Broker id {} is registered by ZooKeeper session 0x{} (an earlier run of this broker that has not"
                        + " expired, or another live broker); waiting up to {} ms for it to go",
                brokerId,
                Long.toHexString(stat.getEphemeralOwner()),
                TimeUnit.NANOSECONDS.toMillis(remaining));
        changed.await(remaining, TimeUnit.NANOSECONDS);
        return true;
    }

    /** The live brokers, by id. */
    public SortedMap<Integer, BrokerInfo> liveBrokers() {
        return new TreeMap<>(brokers);
    }

    /**
     * Creates a topic, assigning replicas round-robin over the live brokers from a random start so that leaders
     * spread.
     *
     * @throws io.runnel.common.errors.InvalidTopicException if the name is illegal
     * @throws InvalidPartitionsException if {@code partitions < 1}
     * @throws InvalidReplicationFactorException if the factor is below 1 or above the live brokers
     * @throws TopicExistsException if the topic exists
     */
    public TopicMetadata createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        TopicNames.validate(name);
        if (partitions < 1) {
            throw new InvalidPartitionsException("number of partitions must be at least 1, was " + partitions);
        }
        List<Integer> live = new ArrayList<>(liveBrokers().keySet());
        if (replicationFactor < 1 || replicationFactor > live.size()) {
            throw new InvalidReplicationFactorException("replication factor " + replicationFactor
                    + " must be between 1 and the number of live brokers, " + live.size());
        }
        SortedMap<Integer, List<Integer>> replicas = new TreeMap<>();
        int start = random.nextInt(live.size());
        for (int p = 0; p < partitions; p++) {
            List<Integer> assigned = new ArrayList<>(replicationFactor);
            for (int r = 0; r < replicationFactor; r++) {
                assigned.add(live.get((start + p + r) % live.size()));
            }
            replicas.put(p, assigned);
        }
        TopicMetadata topic = new TopicMetadata(name, UUID.randomUUID(), replicas, configs);
        try {
            client.create().forPath(TOPICS + "/" + name, encodeTopic(topic));
            putTopic(topic);
            log.info("Created topic {} with {} partitions, replication factor {}", name, partitions, replicationFactor);
            return topic;
        } catch (KeeperException.NodeExistsException e) {
            throw new TopicExistsException("topic '" + name + "' already exists");
        } catch (Exception e) {
            throw failure("create topic " + name, e);
        }
    }

    /** @throws UnknownTopicOrPartitionException if the topic does not exist */
    public void deleteTopic(String name) {
        try {
            client.delete().forPath(TOPICS + "/" + name);
            // Tell the listeners here and now: the watch that follows finds the topic gone from the cache and would
            // skip them, leaving this broker's logs of the deleted topic behind.
            if (removeTopic(name) != null) {
                for (Listener listener : listeners) {
                    listener.topicDeleted(name);
                }
            }
            log.info("Deleted topic {}", name);
        } catch (KeeperException.NoNodeException e) {
            throw new UnknownTopicOrPartitionException("topic '" + name + "' does not exist");
        } catch (Exception e) {
            throw failure("delete topic " + name, e);
        }
    }

    /**
     * Replaces a topic's config overrides.
     *
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     */
    public TopicMetadata setTopicConfigs(String name, Map<String, String> configs) {
        return updateTopicConfigs(name, current -> configs);
    }

    /**
     * Changes a topic's config overrides as a compare-and-set on its node: {@code change} gets the overrides stored
     * now (read from ZooKeeper, not the cache) and returns the new ones; if another writer changed the node between
     * the read and the write, it is called again with the newer overrides. An exception from {@code change} leaves
     * the node unchanged and propagates.
     *
     * @return the topic as written
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     */
    public TopicMetadata updateTopicConfigs(String name, UnaryOperator<Map<String, String>> change) {
        String path = TOPICS + "/" + name;
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
                byte[] data = client.getData().storingStatIn(stat).forPath(path);
                TopicMetadata current = decodeTopic(name, data);
                TopicMetadata updated =
                        new TopicMetadata(name, current.topicId(), current.replicas(), change.apply(current.configs()));
                try {
                    client.setData().withVersion(stat.getVersion()).forPath(path, encodeTopic(updated));
                } catch (KeeperException.BadVersionException raced) {
                    continue;
                }
                putTopic(updated);
                log.info("Set config overrides of topic {} to {}", name, new TreeMap<>(updated.configs()));
                return updated;
            }
            throw new MetadataStoreException("could not update configs of topic '" + name + "': too much contention");
        } catch (KeeperException.NoNodeException e) {
            throw new UnknownTopicOrPartitionException("topic '" + name + "' does not exist");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure("update configs of topic " + name, e);
        }
    }

    /**
     * Reserves {@code size} producer ids for this broker, unique across the cluster and across restarts: a
     * compare-and-set on a counter node, retried on conflict.
     *
     * @return the first id of the block
     */
    public long allocateProducerIdBlock(int size) {
        try {
            client.createContainers(ROOT);
            for (int attempt = 0; attempt < 100; attempt++) {
                org.apache.zookeeper.data.Stat stat = client.checkExists().forPath(PRODUCER_ID_BLOCK);
                if (stat == null) {
                    try {
                        client.create()
                                .forPath(PRODUCER_ID_BLOCK, Long.toString(size).getBytes(StandardCharsets.UTF_8));
                        return 0L;
                    } catch (KeeperException.NodeExistsException raced) {
                        continue;
                    }
                }
                byte[] data = client.getData().storingStatIn(stat).forPath(PRODUCER_ID_BLOCK);
                long next = Long.parseLong(new String(data, StandardCharsets.UTF_8).trim());
                try {
                    client.setData()
                            .withVersion(stat.getVersion())
                            .forPath(
                                    PRODUCER_ID_BLOCK,
                                    Long.toString(next + size).getBytes(StandardCharsets.UTF_8));
                    return next;
                } catch (KeeperException.BadVersionException raced) {
                    // Another broker took a block between our read and write: read again.
                }
            }
            throw new MetadataStoreException("could not allocate producer ids: too much contention");
        } catch (MetadataStoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure("allocate producer ids", e);
        }
    }

    /** The cluster's id, created by the first broker that asks: 22 characters of URL-safe base64, as Kafka's. */
    public String clusterId() {
        try {
            try {
                byte[] bytes = new byte[16];
                new java.security.SecureRandom().nextBytes(bytes);
                String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                client.create()
                        .creatingParentContainersIfNeeded()
                        .forPath(CLUSTER_ID, id.getBytes(StandardCharsets.UTF_8));
                return id;
            } catch (KeeperException.NodeExistsException exists) {
                return new String(client.getData().forPath(CLUSTER_ID), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw failure("read the cluster id", e);
        }
    }

    /** The cached topic, if known. */
    public Optional<TopicMetadata> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    /** The cached topic's name with this id, if known. */
    public Optional<String> topicName(UUID topicId) {
        return Optional.ofNullable(namesById.get(topicId));
    }

    /** A snapshot of the cached topics, by name: a copy of them all, for requests that want them all. */
    public Map<String, TopicMetadata> topics() {
        return Map.copyOf(topics);
    }

    private static byte[] encodeTopic(TopicMetadata topic) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", 1);
        fields.put("id", topic.topicId().toString());
        Map<String, List<Integer>> partitions = new LinkedHashMap<>();
        topic.replicas().forEach((p, brokers) -> partitions.put(Integer.toString(p), brokers));
        fields.put("partitions", partitions);
        fields.put("configs", new TreeMap<>(topic.configs()));
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("topic metadata does not serialise", e);
        }
    }

    static TopicMetadata decodeTopic(String name, byte[] data) {
        try {
            JsonNode fields = JSON.readTree(data);
            UUID id = UUID.fromString(fields.required("id").asText());
            SortedMap<Integer, List<Integer>> replicas = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry :
                    fields.required("partitions").properties()) {
                List<Integer> brokers = new ArrayList<>();
                for (JsonNode broker : entry.getValue()) {
                    brokers.add(broker.asInt());
                }
                replicas.put(Integer.parseInt(entry.getKey()), brokers);
            }
            Map<String, String> configs = new HashMap<>();
            for (Map.Entry<String, JsonNode> entry : fields.path("configs").properties()) {
                configs.put(entry.getKey(), entry.getValue().asText());
            }
            return new TopicMetadata(name, id, replicas, configs);
        } catch (java.io.IOException | RuntimeException e) {
            throw new MetadataStoreException("metadata of topic '" + name + "' is unreadable: " + e.getMessage(), e);
        }
    }

    private static MetadataStoreException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new MetadataStoreException("cannot " + what + " in ZooKeeper: " + e.getMessage(), e);
    }

    /** Closes the caches and the client; this broker's registration disappears. Idempotent. */
    @Override
    public void close() {
        topicCache.close();
        brokerCache.close();
        client.close();
    }
}
