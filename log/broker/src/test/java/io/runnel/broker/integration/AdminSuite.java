package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.Node;
import io.runnel.client.admin.Admin;
import io.runnel.client.admin.AdminConfig;
import io.runnel.client.admin.DescribeClusterResult;
import io.runnel.client.admin.ListOffsetsResult.ListOffsetsResultInfo;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.OffsetSpec;
import io.runnel.client.admin.RecordsToDelete;
import io.runnel.client.admin.TopicDescription;
import io.runnel.client.admin.TopicListing;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.TimeoutException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runnel's own {@link Admin} against a broker. The suite runs once per broker kind ({@code AdminOnRunnelIT}, {@code
 * AdminOnKafkaIT}): the same assertions hold against Runnel's broker and Apache Kafka's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class AdminSuite extends ClusterSuite {
    AdminSuite(TestCluster.Kind kind) {
        super(kind);
    }

    @Test
    void shouldCreateListDescribeAndDeleteTopics() throws Exception {
        var created = admin.createTopics(List.of(new NewTopic("admin-topics", 3, (short) 1)));
        created.all().get(30, TimeUnit.SECONDS);
        Topics.awaitCreated(admin, "admin-topics");

        assertThat(created.numPartitions("admin-topics").get()).isEqualTo(3);
        assertThat(admin.listTopics().names().get()).contains("admin-topics");
        Map<String, TopicListing> listings =
                admin.listTopics().namesToListings().get();
        assertThat(listings.get("admin-topics").topicId())
                .isEqualTo(created.topicId("admin-topics").get());
        TopicDescription description = admin.describeTopics(List.of("admin-topics"))
                .allTopicNames()
                .get()
                .get("admin-topics");
        assertThat(description.partitions()).hasSize(3);
        assertThat(description.partitions())
                .allSatisfy(p -> assertThat(p.leader()).isNotNull());
        assertThat(description.partitions().get(2).partition()).isEqualTo(2);

        admin.deleteTopics(List.of("admin-topics")).all().get(30, TimeUnit.SECONDS);

        Topics.awaitDeleted(admin, "admin-topics");
    }

    @Test
    void shouldFailWithTopicExistsWhenCreatingTwice() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-twice", 1, (short) 1)))
                .all()
                .get();

        var again = admin.createTopics(List.of(new NewTopic("admin-twice", 1, (short) 1)));

        assertThatThrownBy(() -> again.all().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TopicExistsException.class);
    }

    @Test
    void shouldFailWithUnknownTopicWhenDescribingOrDeletingAMissingTopic() {
        var described =
                admin.describeTopics(List.of("admin-missing")).topicNameValues().get("admin-missing");
        var deleted = admin.deleteTopics(List.of("admin-missing")).all();

        assertThatThrownBy(described::get).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(deleted::get).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void shouldDescribeTheClusterWithItsOneBroker() throws Exception {
        DescribeClusterResult described = admin.describeCluster();

        Collection<Node> nodes = described.nodes().get();
        assertThat(nodes).hasSize(1);
        assertThat(nodes.iterator().next().port()).isEqualTo(cluster.port());
        assertThat(described.clusterId().get()).isNotBlank();
    }

    @Test
    void shouldListOffsetsAndDeleteRecords() throws Exception {
        String topic = "admin-offsets";
        Topics.create(admin, new NewTopic(topic, 1, (short) 1));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", cluster.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(
                                topic, 0, 1_000L * (i + 1), null, ("v" + i).getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }

        Map<TopicPartition, ListOffsetsResultInfo> earliest =
                admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> latest =
                admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get();
        ListOffsetsResultInfo byTime = admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(4_500L)))
                .partitionResult(tp)
                .get();
        ListOffsetsResultInfo maxTimestamp = admin.listOffsets(Map.of(tp, OffsetSpec.maxTimestamp()))
                .partitionResult(tp)
                .get();

        assertThat(earliest.get(tp).offset()).isZero();
        assertThat(latest.get(tp).offset()).isEqualTo(10);
        assertThat(byTime.offset()).isEqualTo(4);
        assertThat(byTime.timestamp()).isEqualTo(5_000L);
        assertThat(maxTimestamp.offset()).isEqualTo(9);

        long lowWatermark = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(6)))
                .lowWatermarks()
                .get(tp)
                .get()
                .lowWatermark();

        assertThat(lowWatermark).isEqualTo(6);
        assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
                        .partitionResult(tp)
                        .get()
                        .offset())
                .isEqualTo(6);
    }

    @Test
    void shouldFailListOffsetsWithUnknownTopicWhenTopicIsMissing() {
        TopicPartition tp = new TopicPartition("admin-no-such-topic", 0);

        var result = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp);

        assertThatThrownBy(result::get).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void shouldTimeOutWhenNoBrokerListens() throws Exception {
        try (Admin unreachable = Admin.create(AdminConfig.builder()
                .bootstrapServers("127.0.0.1:1")
                .defaultApiTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(400))
                .build())) {

            var result = unreachable.listTopics().names();

            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }
}
