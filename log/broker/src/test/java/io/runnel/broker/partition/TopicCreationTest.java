package io.runnel.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.metadata.BrokerInfo;
import io.runnel.broker.metadata.EmbeddedZooKeeper;
import io.runnel.broker.metadata.MetadataStore;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.PolicyViolationException;
import io.runnel.common.errors.StorageException;
import io.runnel.protocol.errors.Errors;
import io.runnel.records.FileRecords;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManager;
import io.runnel.storage.LogManagerConfig;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic creation against a real (embedded) ZooKeeper and a log manager whose file opener runs out of file handles
 * after a budget of opens, as a process at its {@code ulimit -n} does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicCreationTest {
    private static final int BROKER_ID = 1;

    @TempDir
    Path dir;

    final AtomicInteger opensLeft = new AtomicInteger(Integer.MAX_VALUE);
    EmbeddedZooKeeper zooKeeper;
    MetadataStore metadata;
    LogManager logs;
    PartitionManager partitions;
    TopicCreation creation;

    @BeforeEach
    void setUp() {
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
        metadata = MetadataStore.connect(zooKeeper.connectString(), Duration.ofSeconds(6), Duration.ofSeconds(10));
        metadata.registerBroker(
                new BrokerInfo(BROKER_ID, "127.0.0.1", 9092, null),
                MetadataStore.StaleRegistration.TAKE_OVER,
                Duration.ZERO);
        FileRecords.ChannelOpener limited = file -> {
            if (opensLeft.getAndDecrement() <= 0) {
                throw new FileSystemException(file.toString(), null, "Too many open files");
            }
            return FileRecords.ChannelOpener.DEFAULT.open(file);
        };
        logs = LogManager.start(
                LogManagerConfig.forDirs(List.of(dir.resolve("logs")), LogConfig.defaults()), Time.SYSTEM, limited);
        partitions = new PartitionManager(BROKER_ID, logs, Time.SYSTEM, false);
        creation = new TopicCreation(metadata, partitions, 100);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        partitions.close();
        logs.close();
        metadata.close();
        zooKeeper.close();
    }

    @Test
    void shouldCreateTheTopicAndItsLogsWhenFilesCanBeOpened() {
        creation.create("orders", 3, 1, Map.of());

        assertThat(metadata.topic("orders")).isPresent();
        assertThat(logs.log(new TopicPartition("orders", 2))).isPresent();
    }

    @Test
    void shouldLeaveNeitherMetadataNorLogsWhenTheOpenFilesLimitIsReachedHalfWay() throws Exception {
        opensLeft.set(2);

        assertThatThrownBy(() -> creation.create("orders", 5, 1, Map.of()))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot create the logs of topic 'orders': cannot open log ")
                .hasMessageContaining("Too many open files")
                .hasMessageContaining("raise it with `ulimit -n`")
                .hasMessageEndingWith("; the topic was not created");

        assertThat(metadata.topic("orders")).isEmpty();
        assertThat(logs.logs()).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("logs"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("orders-") && !name.endsWith("-delete"));
        }
        assertThat(Errors.forException(new StorageException("x"))).isEqualTo(Errors.KAFKA_STORAGE_ERROR);
    }

    @Test
    void shouldCreateTheTopicWhenRetriedAfterFilesWereFreed() {
        opensLeft.set(1);
        assertThatThrownBy(() -> creation.create("orders", 2, 1, Map.of())).isInstanceOf(StorageException.class);

        opensLeft.set(Integer.MAX_VALUE);
        creation.create("orders", 2, 1, Map.of());

        assertThat(metadata.topic("orders")).isPresent();
        assertThat(logs.log(new TopicPartition("orders", 1))).isPresent();
    }

    @Test
    void shouldRefuseMorePartitionsThanTheLimitWhenCreating() {
        assertThatThrownBy(() -> creation.create("wide", 101, 1, Map.of()))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessage("the request would create 101 partitions, more than max.partitions.per.request=100;"
                        + " nothing was created");

        assertThat(metadata.topic("wide")).isEmpty();
        assertThat(Errors.forException(new PolicyViolationException("x"))).isEqualTo(Errors.POLICY_VIOLATION);
    }
}
