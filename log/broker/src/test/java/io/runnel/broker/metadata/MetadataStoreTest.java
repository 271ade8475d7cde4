package io.runnel.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.runnel.common.errors.InvalidPartitionsException;
import io.runnel.common.errors.InvalidReplicationFactorException;
import io.runnel.common.errors.InvalidTopicException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetadataStoreTest {
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    EmbeddedZooKeeper zooKeeper;

    @BeforeEach
    void startZooKeeper() {
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
    }

    @AfterEach
    void stopZooKeeper() {
        zooKeeper.close();
    }

    MetadataStore connect() {
        return MetadataStore.connect(zooKeeper.connectString(), SESSION, CONNECT);
    }

    @Test
    void shouldSeeBrokersRegisterAndLeave() {
        try (MetadataStore observer = connect()) {
            MetadataStore broker = connect();
            broker.registerBroker(
                    new BrokerInfo(7, "127.0.0.1", 9092, "rack-a"),
                    MetadataStore.StaleRegistration.WAIT,
                    Duration.ZERO);

            await().atMost(WAIT).until(() -> observer.liveBrokers().containsKey(7));
            assertThat(observer.liveBrokers().get(7)).isEqualTo(new BrokerInfo(7, "127.0.0.1", 9092, "rack-a"));

            broker.close();

            await().atMost(WAIT).until(() -> !observer.liveBrokers().containsKey(7));
        }
    }

    @Test
    void shouldRefuseABrokerIdWhenAnotherLiveBrokerHasIt() {
        try (MetadataStore first = connect();
                MetadataStore second = connect()) {
            first.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);

            assertThatThrownBy(() -> second.registerBroker(
                            new BrokerInfo(1, "127.0.0.1", 9093, null),
                            MetadataStore.StaleRegistration.WAIT,
                            Duration.ZERO))
                    .isInstanceOf(MetadataStoreException.class)
                    .hasMessageContaining("broker id 1 is already registered");
        }
    }

    @Test
    void shouldRegisterOnceTheEarlierOwnerOfTheIdHasGoneWhenWaiting() throws Exception {
        MetadataStore earlier = connect();
        try (MetadataStore restarted = connect()) {
            earlier.registerBroker(
                    new BrokerInfo(2, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            CompletableFuture<Void> registration = CompletableFuture.runAsync(() -> restarted.registerBroker(
                    new BrokerInfo(2, "127.0.0.1", 9093, null),
                    MetadataStore.StaleRegistration.WAIT,
                    Duration.ofSeconds(30)));

            earlier.close(); // its session ends, and the node with it

            registration.get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> restarted.liveBrokers().containsKey(2));
            assertThat(restarted.liveBrokers().get(2).port()).isEqualTo(9093);
        }
    }

    @Test
    void shouldReplaceARegistrationOfAnotherSessionWhenTakingOver() {
        try (MetadataStore stale = connect();
                MetadataStore owner = connect()) {
            stale.registerBroker(
                    new BrokerInfo(3, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);

            owner.registerBroker(
                    new BrokerInfo(3, "127.0.0.1", 9094, null),
                    MetadataStore.StaleRegistration.TAKE_OVER,
                    Duration.ZERO);

            await().atMost(WAIT).until(() -> {
                BrokerInfo info = stale.liveBrokers().get(3);
                return info != null && info.port() == 9094;
            });
            stale.close(); // the replaced node belonged to the other session: closing this one leaves it
            assertThat(owner.liveBrokers()).containsKey(3);
        }
    }

    @Test
    void shouldTellItsOwnListenersWhenItDeletesATopic() {
        try (MetadataStore store = connect()) {
            store.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9091, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            List<String> deleted = new CopyOnWriteArrayList<>();
            store.addListener(new MetadataStore.Listener() {
                @Override
                public void topicChanged(TopicMetadata topic) {}

                @Override
                public void topicDeleted(String name) {
                    deleted.add(name);
                }
            });
            store.createTopic("short-lived", 1, 1, Map.of());

            store.deleteTopic("short-lived");

            assertThat(deleted).isNotEmpty().containsOnly("short-lived");
        }
    }

    @Test
    void shouldSpreadReplicasAndShareTopicsBetweenStores() {
        try (MetadataStore admin = connect();
                MetadataStore other = connect()) {
            for (int id = 1; id <= 3; id++) {
                admin.registerBroker(
                        new BrokerInfo(id, "127.0.0.1", 9090 + id, null),
                        MetadataStore.StaleRegistration.WAIT,
                        Duration.ZERO);
            }
            List<String> events = new CopyOnWriteArrayList<>();
            other.addListener(new MetadataStore.Listener() {
                @Override
                public void topicChanged(TopicMetadata topic) {
                    events.add("changed " + topic.name());
                }

                @Override
                public void topicDeleted(String name) {
                    events.add("deleted " + name);
                }
            });

            TopicMetadata created = admin.createTopic("orders", 6, 2, Map.of("cleanup.policy", "compact"));

            assertThat(created.partitionCount()).isEqualTo(6);
            assertThat(created.replicas().values())
                    .allSatisfy(replicas -> assertThat(replicas).hasSize(2).doesNotHaveDuplicates());
            assertThat(created.replicas().values().stream().map(r -> r.get(0)).distinct())
                    .hasSize(3);
            await().atMost(WAIT).until(() -> other.topic("orders").isPresent());
            assertThat(other.topic("orders")).contains(created);

            admin.deleteTopic("orders");

            await().atMost(WAIT).until(() -> other.topic("orders").isEmpty());
            assertThat(events).contains("changed orders", "deleted orders");
        }
    }

    @Test
    void shouldRejectBadTopicRequests() {
        try (MetadataStore store = connect()) {
            store.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            store.createTopic("t", 1, 1, Map.of());

            assertThatThrownBy(() -> store.createTopic("t", 1, 1, Map.of())).isInstanceOf(TopicExistsException.class);
            assertThatThrownBy(() -> store.createTopic("bad/name", 1, 1, Map.of()))
                    .isInstanceOf(InvalidTopicException.class)
                    .hasMessageContaining("illegal character '/'");
            assertThatThrownBy(() -> store.createTopic("x".repeat(250), 1, 1, Map.of()))
                    .isInstanceOf(InvalidTopicException.class);
            assertThatThrownBy(() -> store.createTopic("zero", 0, 1, Map.of()))
                    .isInstanceOf(InvalidPartitionsException.class);
            assertThatThrownBy(() -> store.createTopic("wide", 1, 2, Map.of()))
                    .isInstanceOf(InvalidReplicationFactorException.class)
                    .hasMessageContaining("live brokers, 1");
            assertThatThrownBy(() -> store.deleteTopic("missing")).isInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void shouldFindATopicByIdWithoutScanningWhenCreatedAndForgetItWhenDeleted() {
        try (MetadataStore store = connect()) {
            store.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            TopicMetadata created = store.createTopic("by-id", 1, 1, Map.of());

            assertThat(store.topicName(created.topicId())).hasValue("by-id");

            store.deleteTopic("by-id");

            assertThat(store.topicName(created.topicId())).isEmpty();
        }
    }

    @Test
    void shouldKeepTopicsWhenZooKeeperRestarts() {
        try (MetadataStore store = connect()) {
            store.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            store.createTopic("durable", 3, 1, Map.of("retention.ms", "1000"));
        }
        zooKeeper.close();
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);

        try (MetadataStore store = connect()) {
            await().atMost(WAIT).until(() -> store.topic("durable").isPresent());
            assertThat(store.topic("durable").orElseThrow().configs()).containsEntry("retention.ms", "1000");
            store.setTopicConfigs("durable", Map.of("retention.ms", "2000"));
            assertThat(store.topic("durable").orElseThrow().configs()).containsEntry("retention.ms", "2000");
        }
    }

    @Test
    void shouldHaveEveryTopicCachedWhenConnectReturns() {
        try (MetadataStore writer = connect()) {
            writer.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            for (int i = 0; i < 20; i++) {
                writer.createTopic("t" + i, 1, 1, Map.of("retention.ms", Integer.toString(i)));
            }

            try (MetadataStore reader = connect()) {

                assertThat(reader.topics()).hasSize(20);
                assertThat(reader.topic("t19").orElseThrow().configs()).containsEntry("retention.ms", "19");
            }
        }
    }

    @Test
    void shouldApplyBothChangesWhenTwoWritersRace() {
        try (MetadataStore first = connect();
                MetadataStore second = connect()) {
            first.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            first.createTopic("raced", 1, 1, Map.of("retention.ms", "1"));
            List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

            TopicMetadata written = first.updateTopicConfigs("raced", current -> {
                seen.add(current);
                if (seen.size() == 1) {
                    second.updateTopicConfigs("raced", c -> with(c, "segment.bytes", "4096"));
                }
                return with(current, "max.message.bytes", "2048");
            });

            assertThat(seen).hasSize(2);
            assertThat(written.configs())
                    .containsOnly(
                            Map.entry("retention.ms", "1"),
                            Map.entry("segment.bytes", "4096"),
                            Map.entry("max.message.bytes", "2048"));
        }
    }

    @Test
    void shouldLeaveConfigsUnchangedWhenTheChangeThrows() {
        try (MetadataStore store = connect()) {
            store.registerBroker(
                    new BrokerInfo(1, "127.0.0.1", 9092, null), MetadataStore.StaleRegistration.WAIT, Duration.ZERO);
            store.createTopic("kept", 1, 1, Map.of("retention.ms", "1"));

            assertThatThrownBy(() -> store.updateTopicConfigs("kept", current -> {
                        throw new InvalidTopicException("refused");
                    }))
                    .isInstanceOf(InvalidTopicException.class);

            try (MetadataStore reader = connect()) {
                assertThat(reader.topic("kept").orElseThrow().configs()).containsOnly(Map.entry("retention.ms", "1"));
            }
            assertThatThrownBy(() -> store.updateTopicConfigs("missing", current -> current))
                    .isInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void shouldFailClearlyWhenZooKeeperIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> MetadataStore.connect("127.0.0.1:" + closedPort, SESSION, Duration.ofSeconds(2)))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageContaining("cannot reach ZooKeeper at 127.0.0.1:" + closedPort);
    }
}
