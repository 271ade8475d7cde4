package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real kafka-clients 4.4 Admin against a broker that speaks only through this module's codecs: the client opens with
 * ApiVersions v5, is refused with the version 0 fallback, retries at v4, learns Runnel's versions, and then uses
 * Metadata v12 and DescribeCluster v1 as negotiated. Then a real idempotent producer and a real consumer move a record
 * through InitProducerId v5, Produce v11, ListOffsets v9 and Fetch v17, and a consumer in a group goes through
 * FindCoordinator v6, JoinGroup v9, SyncGroup v5, OffsetFetch v9, OffsetCommit v9, Heartbeat v4 and LeaveGroup v5.
 * The Admin's
 * topic, config, record and group operations use CreateTopics v7, DeleteTopics v6, IncrementalAlterConfigs v1,
 * DescribeConfigs v4, DeleteRecords v2, ListGroups v5 and DescribeGroups v5.
 */
@Timeout(60)
class KafkaClientHandshakeIT {
    @Test
    void shouldNegotiateVersionsAndDescribeClusterWhenKafkaAdminConnects() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker();
                Admin admin = Admin.create(adminConfig(broker))) {

            DescribeClusterResult cluster = admin.describeCluster();
            String clusterId = cluster.clusterId().get(30, TimeUnit.SECONDS);

            assertThat(clusterId).isEqualTo(LoopbackBroker.CLUSTER_ID);
            assertThat(cluster.nodes().get(30, TimeUnit.SECONDS))
                    .extracting(Node::id)
                    .containsExactly(LoopbackBroker.NODE_ID);
            assertThat(broker.seen())
                    .containsSubsequence("refused API key 18 v5", "API_VERSIONS v4")
                    .contains("DESCRIBE_CLUSTER v1");
            assertThat(broker.failures()).isEmpty();
        }
    }

    @Test
    void shouldListTopicsThroughMetadataWhenKafkaAdminAsks() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker();
                Admin admin = Admin.create(adminConfig(broker))) {

            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);

            assertThat(names).containsExactly(LoopbackBroker.TOPIC);
            assertThat(broker.seen()).contains("METADATA v12");
            assertThat(broker.failures()).isEmpty();
        }
    }

    @Test
    void shouldCarryARecordFromKafkaProducerToKafkaConsumerWhenBothNegotiateWithRunnelCodecs() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker()) {
            RecordMetadata sent;
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(producerConfig(broker), new StringSerializer(), new StringSerializer())) {
                sent = producer.send(new ProducerRecord<>(LoopbackBroker.TOPIC, 0, "key", "value"))
                        .get(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(consumerConfig(broker), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition(LoopbackBroker.TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (received.isEmpty()) { // bounded by the class's @Timeout
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                }
            }

            assertThat(sent.offset()).isZero();
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("key");
                assertThat(record.value()).isEqualTo("value");
                assertThat(record.offset()).isZero();
            });
            assertThat(broker.seen()).contains("INIT_PRODUCER_ID v5", "PRODUCE v11", "LIST_OFFSETS v9", "FETCH v17");
            assertThat(broker.failures()).isEmpty();
        }
    }

    @Test
    void shouldJoinConsumeAndCommitWhenKafkaConsumerUsesAGroup() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker()) {
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(producerConfig(broker), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(LoopbackBroker.TOPIC, 0, "k", "v"))
                        .get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> config = new HashMap<>(consumerConfig(broker));
            config.put(ConsumerConfig.GROUP_ID_CONFIG, LoopbackGroupCoordinator.GROUP_ID);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 100);

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(LoopbackBroker.TOPIC));
                while (received.isEmpty()) { // bounded by the class's @Timeout
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                }
                consumer.commitSync(Duration.ofSeconds(30));
                while (!broker.seen().contains("HEARTBEAT v4")) { // bounded by the class's @Timeout
                    consumer.poll(Duration.ofMillis(100));
                }
            }

            assertThat(received).extracting(ConsumerRecord::value).containsExactly("v");
            assertThat(broker.committed(LoopbackBroker.TOPIC, 0)).isEqualTo(1L);
            assertThat(broker.seen())
                    .contains(
                            "FIND_COORDINATOR v6",
                            "JOIN_GROUP v9",
                            "SYNC_GROUP v5",
                            "OFFSET_FETCH v9",
                            "OFFSET_COMMIT v9",
                            "HEARTBEAT v4",
                            "LEAVE_GROUP v5");
            assertThat(broker.failures()).isEmpty();
        }
    }

    @Test
    void shouldAdministerTopicsConfigsRecordsAndGroupsWhenKafkaAdminAsks() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker();
                Admin admin = Admin.create(adminConfig(broker))) {
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, LoopbackBroker.TOPIC);

            CreateTopicsResult created = admin.createTopics(
                    List.of(new NewTopic("created", 3, (short) 1).configs(Map.of("retention.ms", "1000"))));
            int partitions = created.numPartitions("created").get(30, TimeUnit.SECONDS);
            admin.deleteTopics(List.of("created")).all().get(30, TimeUnit.SECONDS);
            admin.incrementalAlterConfigs(Map.of(
                            events,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "5000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Config config = admin.describeConfigs(List.of(events))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(events);
            TopicPartition partition0 = new TopicPartition(LoopbackBroker.TOPIC, 0);
            long lowWatermark = admin.deleteRecords(Map.of(partition0, RecordsToDelete.beforeOffset(0)))
                    .lowWatermarks()
                    .get(partition0)
                    .get(30, TimeUnit.SECONDS)
                    .lowWatermark();
            var groups = admin.listGroups().all().get(30, TimeUnit.SECONDS);
            var described = admin.describeConsumerGroups(List.of(LoopbackGroupCoordinator.GROUP_ID))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            assertThat(partitions).isEqualTo(3);
            assertThat(broker.admin().deletedTopics()).containsExactly("created");
            assertThat(config.get("retention.ms").value()).isEqualTo("5000");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(lowWatermark).isZero();
            assertThat(groups).extracting(GroupListing::groupId).containsExactly(LoopbackGroupCoordinator.GROUP_ID);
            assertThat(described).containsKey(LoopbackGroupCoordinator.GROUP_ID);
            assertThat(broker.seen())
                    .contains(
                            "CREATE_TOPICS v7",
                            "DELETE_TOPICS v6",
                            "INCREMENTAL_ALTER_CONFIGS v1",
                            "DESCRIBE_CONFIGS v4",
                            "DELETE_RECORDS v2",
                            "LIST_GROUPS v5",
                            "DESCRIBE_GROUPS v5");
            assertThat(broker.failures()).isEmpty();
        }
    }

    private static Map<String, Object> producerConfig(LoopbackBroker broker) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.port(),
                ProducerConfig.CLIENT_ID_CONFIG,
                "handshake-it-producer",
                ProducerConfig.ENABLE_METRICS_PUSH_CONFIG,
                false,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                30_000);
    }

    private static Map<String, Object> consumerConfig(LoopbackBroker broker) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.port(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                "handshake-it-consumer",
                ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG,
                false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
    }

    private static Map<String, Object> adminConfig(LoopbackBroker broker) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.port(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "handshake-it",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                20_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000,
                AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG,
                false);
    }
}
