package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.Admin;
import io.runnel.client.admin.ConsumerGroupDescription;
import io.runnel.client.admin.ConsumerGroupListing;
import io.runnel.client.admin.ListConsumerGroupOffsetsSpec;
import io.runnel.client.admin.ListConsumerGroupsOptions;
import io.runnel.client.admin.MemberDescription;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.GroupState;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.GroupIdNotFoundException;
import io.runnel.common.errors.GroupNotEmptyException;
import io.runnel.common.errors.GroupSubscribedToTopicException;
import io.runnel.common.errors.UnknownMemberIdException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runnel's {@link Admin} on consumer groups. The groups are made by Apache Kafka's own consumer (a member that joins,
 * is assigned partitions and commits) or by the admin itself (offsets committed to a group with no members), so that
 * what is checked is the admin calls, on both brokers ({@code AdminGroupsOnKafkaIT}, {@code AdminGroupsOnRunnelIT}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class AdminGroupsSuite extends ClusterSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    AdminGroupsSuite(TestCluster.Kind kind) {
        super(kind);
    }

    private void topicWithRecords(String topic, int partitions, int recordsPerPartition) throws Exception {
        Topics.create(admin, new NewTopic(topic, partitions, (short) 1));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < recordsPerPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, new byte[] {(byte) i}));
                }
            }
            producer.flush();
        }
    }

    /** A consumer of Kafka's client in {@code group}, subscribed to {@code topic}, with its partitions assigned. */
    private KafkaConsumer<byte[], byte[]> activeMember(String group, String clientId, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrapServers(),
                        "group.id",
                        group,
                        "client.id",
                        clientId,
                        "auto.offset.reset",
                        "earliest",
                        "enable.auto.commit",
                        "false"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        Awaitility.await("member of " + group + " assigned partitions")
                .atMost(WAIT)
                .until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return !consumer.assignment().isEmpty();
                });
        return consumer;
    }

    private ConsumerGroupDescription describe(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(30, TimeUnit.SECONDS);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldListDescribeAndListOffsetsWhenAMemberIsActive() throws Exception {
        topicWithRecords("groups-active", 2, 3);

        try (KafkaConsumer<byte[], byte[]> consumer = activeMember("g-active", "member-one", "groups-active")) {
            consumer.commitSync(Map.of(
                    new org.apache.kafka.common.TopicPartition("groups-active", 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(2, "from-kafka")));

            Collection<ConsumerGroupListing> listed =
                    admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
            assertThat(listed)
                    .filteredOn(listing -> listing.groupId().equals("g-active"))
                    .singleElement()
                    .satisfies(listing -> {
                        assertThat(listing.isSimpleConsumerGroup()).isFalse();
                        assertThat(listing.groupState()).contains(GroupState.STABLE);
                    });
            ConsumerGroupDescription description = describe("g-active");
            assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(description.isSimpleConsumerGroup()).isFalse();
            assertThat(description.partitionAssignor()).isNotEmpty();
            assertThat(description.coordinator().host()).isNotEmpty();
            MemberDescription member = description.members().iterator().next();
            assertThat(description.members()).hasSize(1);
            assertThat(member.clientId()).isEqualTo("member-one");
            assertThat(member.consumerId()).startsWith("member-one-");
            assertThat(member.host()).contains("127.0.0.1");
            assertThat(member.assignment().topicPartitions())
                    .containsExactlyInAnyOrder(
                            new TopicPartition("groups-active", 0), new TopicPartition("groups-active", 1));
            assertThat(committed("g-active"))
                    .containsExactly(Map.entry(
                            new TopicPartition("groups-active", 0),
                            new OffsetAndMetadata(2, committedEpoch("g-active", 0), "from-kafka")));
        }
    }

    private Optional<Integer> committedEpoch(String group, int partition) throws Exception {
        OffsetAndMetadata offset = committed(group).get(new TopicPartition("groups-active", partition));
        return offset == null ? Optional.empty() : offset.leaderEpoch();
    }

    @Test
    void shouldAlterListAndDeleteOffsetsWhenTheGroupHasNoMembers() throws Exception {
        topicWithRecords("groups-simple", 3, 1);
        TopicPartition p0 = new TopicPartition("groups-simple", 0);
        TopicPartition p1 = new TopicPartition("groups-simple", 1);
        TopicPartition p2 = new TopicPartition("groups-simple", 2);

        admin.alterConsumerGroupOffsets(
                        "g-simple", Map.of(p0, new OffsetAndMetadata(1, "set by admin"), p1, new OffsetAndMetadata(0)))
                .all()
                .get(30, TimeUnit.SECONDS);

        assertThat(committed("g-simple"))
                .containsOnly(
                        Map.entry(p0, new OffsetAndMetadata(1, "set by admin")),
                        Map.entry(p1, new OffsetAndMetadata(0)));
        Map<TopicPartition, OffsetAndMetadata> some = admin.listConsumerGroupOffsets(
                        Map.of("g-simple", new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(p1, p2))))
                .partitionsToOffsetAndMetadata("g-simple")
                .get(30, TimeUnit.SECONDS);
        assertThat(some).containsEntry(p1, new OffsetAndMetadata(0)).containsEntry(p2, null);
        ConsumerGroupDescription description = describe("g-simple");
        assertThat(description.groupState()).isEqualTo(GroupState.EMPTY);
        assertThat(description.isSimpleConsumerGroup()).isTrue();
        assertThat(description.members()).isEmpty();

        admin.deleteConsumerGroupOffsets("g-simple", Set.of(p0)).all().get(30, TimeUnit.SECONDS);

        assertThat(committed("g-simple")).containsOnlyKeys(p1);
    }

    @Test
    void shouldListOnlyGroupsInAStateWhenFilteredByState() throws Exception {
        topicWithRecords("groups-states", 1, 1);
        admin.alterConsumerGroupOffsets(
                        "g-empty", Map.of(new TopicPartition("groups-states", 0), new OffsetAndMetadata(1)))
                .all()
                .get(30, TimeUnit.SECONDS);

        try (KafkaConsumer<byte[], byte[]> consumer = activeMember("g-stable", "member-stable", "groups-states")) {
            Collection<ConsumerGroupListing> empty = admin.listConsumerGroups(
                            new ListConsumerGroupsOptions().inGroupStates(Set.of(GroupState.EMPTY)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Collection<ConsumerGroupListing> stable = admin.listConsumerGroups(
                            new ListConsumerGroupsOptions().inGroupStates(Set.of(GroupState.STABLE)))
                    .valid()
                    .get(30, TimeUnit.SECONDS);

            assertThat(empty)
                    .extracting(ConsumerGroupListing::groupId)
                    .contains("g-empty")
                    .doesNotContain("g-stable");
            assertThat(stable)
                    .extracting(ConsumerGroupListing::groupId)
                    .contains("g-stable")
                    .doesNotContain("g-empty");
        }
    }

    @Test
    void shouldRefuseToChangeAGroupWhenItHasMembers() throws Exception {
        topicWithRecords("groups-busy", 1, 1);
        TopicPartition p0 = new TopicPartition("groups-busy", 0);

        try (KafkaConsumer<byte[], byte[]> consumer = activeMember("g-busy", "member-busy", "groups-busy")) {
            consumer.commitSync();

            assertThatThrownBy(() ->
                            admin.deleteConsumerGroups(List.of("g-busy")).all().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(GroupNotEmptyException.class);
            assertThatThrownBy(() -> admin.alterConsumerGroupOffsets("g-busy", Map.of(p0, new OffsetAndMetadata(0)))
                            .all()
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(UnknownMemberIdException.class);
            assertThatThrownBy(() -> admin.deleteConsumerGroupOffsets("g-busy", Set.of(p0))
                            .partitionResult(p0)
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(GroupSubscribedToTopicException.class);
        }
    }

    @Test
    void shouldDeleteAGroupWhenItHasNoMembersAndThenNotFindIt() throws Exception {
        topicWithRecords("groups-gone", 1, 1);
        admin.alterConsumerGroupOffsets(
                        "g-gone", Map.of(new TopicPartition("groups-gone", 0), new OffsetAndMetadata(1)))
                .all()
                .get(30, TimeUnit.SECONDS);

        admin.deleteConsumerGroups(List.of("g-gone")).all().get(30, TimeUnit.SECONDS);

        assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                .extracting(ConsumerGroupListing::groupId)
                .doesNotContain("g-gone");
        assertThat(committed("g-gone")).isEmpty();
        assertThatThrownBy(() ->
                        admin.deleteConsumerGroups(List.of("g-gone")).all().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(GroupIdNotFoundException.class);
    }

    @Test
    void shouldDescribeAGroupAsDeadWhenItDoesNotExist() throws Exception {
        ConsumerGroupDescription description = describe("g-never");

        assertThat(description.groupState()).isEqualTo(GroupState.DEAD);
        assertThat(description.members()).isEmpty();
    }

    @Test
    void shouldDescribeSeveralGroupsWhenAskedInOneCall() throws Exception {
        topicWithRecords("groups-many", 1, 1);
        TopicPartition p0 = new TopicPartition("groups-many", 0);
        for (String group : List.of("g-many-1", "g-many-2", "g-many-3")) {
            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(
                        List.of("g-many-1", "g-many-2", "g-many-3"))
                .all()
                .get(30, TimeUnit.SECONDS);

        assertThat(described).containsOnlyKeys("g-many-1", "g-many-2", "g-many-3");
        assertThat(described.values())
                .allSatisfy(group -> assertThat(group.groupState()).isEqualTo(GroupState.EMPTY));
    }
}
