package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Apache Kafka's own clients (kafka-clients 4.4: {@code KafkaConsumer} with the classic group protocol, and Kafka's
 * {@code Admin}) in consumer groups. Run against Kafka's broker ({@code KafkaGroupClientsOnKafkaIT}) it shows what
 * Kafka does; against Runnel's ({@code KafkaGroupClientsOnRunnelIT}) that Runnel's group coordinator does the same:
 * every partition read by one member, every record read once, commits that survive members and broker restarts,
 * rebalances when members leave or fail, static members that come back to their partitions.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class KafkaGroupClientsSuite extends ClusterSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;

    private final List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
    private final List<Admin> kafkaAdmins = new ArrayList<>();

    KafkaGroupClientsSuite(TestCluster.Kind kind) {
        super(kind);
    }

    @Override
    Map<String, String> brokerConfigs() {
        return Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5");
    }

    @AfterEach
    void closeClients() {
        consumers.forEach(c -> c.close(Duration.ZERO));
        consumers.clear();
        kafkaAdmins.forEach(Admin::close);
        kafkaAdmins.clear();
    }

    @Test
    void shouldGiveEachPartitionToOneMemberAndEachRecordOnceWhenThreeConsumersShareAGroup() throws Exception {
        String topic = topic("split");
        List<KafkaConsumer<String, String>> members = List.of(
                consumer("split-group", Map.of()),
                consumer("split-group", Map.of()),
                consumer("split-group", Map.of()));
        members.forEach(c -> c.subscribe(List.of(topic)));
        pollUntil(
                members,
                new HashMap<>(),
                s -> members.stream().noneMatch(m -> m.assignment().isEmpty())
                        && assignedPartitions(members) == PARTITIONS);

        produce(topic, 600);
        Map<String, Integer> seen = new HashMap<>();
        pollUntil(members, seen, s -> s.size() == 600);

        assertThat(seen)
                .hasSize(600)
                .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        Set<TopicPartition> union = new HashSet<>();
        for (KafkaConsumer<String, String> member : members) {
            assertThat(member.assignment()).isNotEmpty();
            for (TopicPartition tp : member.assignment()) {
                assertThat(union.add(tp)).as("%s owned twice", tp).isTrue();
            }
        }
        assertThat(union).hasSize(PARTITIONS);
    }

    @Test
    void shouldResumeFromCommittedOffsetsWhenANewMemberTakesOver() throws Exception {
        String topic = topic("resume");
        produce(topic, 100);
        KafkaConsumer<String, String> first = consumer("resume-group", Map.of("max.poll.records", "10"));
        first.subscribe(List.of(topic));
        Map<String, Integer> seen = new HashMap<>();
        pollUntil(List.of(first), seen, s -> s.size() >= 40);
        first.commitSync();
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : first.assignment()) {
            positions.put(tp, first.position(tp));
        }
        first.close();
        consumers.remove(first);

        KafkaConsumer<String, String> second = consumer("resume-group", Map.of());
        second.subscribe(List.of(topic));
        Map<String, Integer> rest = new HashMap<>();
        pollUntil(List.of(second), rest, s -> seen.size() + s.size() >= 100);

        assertThat(rest.keySet()).doesNotContainAnyElementsOf(seen.keySet());
        assertThat(seen.size() + rest.size()).isEqualTo(100);
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaAdmin()
                .listConsumerGroupOffsets("resume-group")
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        positions.forEach(
                (tp, position) -> assertThat(committed.get(tp).offset()).isGreaterThanOrEqualTo(position));
    }

    @Test
    void shouldKeepCommittedOffsetsWhenTheBrokerRestarts() throws Exception {
        String topic = topic("restart");
        produce(topic, 60);
        KafkaConsumer<String, String> first = consumer("restart-group", Map.of());
        first.subscribe(List.of(topic));
        Map<String, Integer> seen = new HashMap<>();
        pollUntil(List.of(first), seen, s -> s.size() == 60);
        first.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3, "checkpoint-a")));
        first.commitSync();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : first.assignment()) {
            ends.put(tp, first.position(tp));
        }
        first.close();
        consumers.remove(first);

        cluster.restart();

        KafkaConsumer<String, String> second = consumer("restart-group", Map.of());
        Awaitility.await("committed offsets after the restart")
                .atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(second.committed(ends.keySet(), Duration.ofSeconds(5)))
                        .allSatisfy((tp, offset) -> assertThat(offset.offset()).isEqualTo(ends.get(tp))));
        second.subscribe(List.of(topic));
        produce(topic, 6);
        Map<String, Integer> after = new HashMap<>();
        pollUntil(List.of(second), after, s -> s.size() == 6);
        assertThat(after.keySet()).doesNotContainAnyElementsOf(seen.keySet());
    }

    @Test
    void shouldMovePartitionsToTheRemainingMemberWhenOneLeaves() throws Exception {
        String topic = topic("leave");
        KafkaConsumer<String, String> a = consumer("leave-group", Map.of());
        KafkaConsumer<String, String> b = consumer("leave-group", Map.of());
        a.subscribe(List.of(topic));
        b.subscribe(List.of(topic));
        pollUntil(
                List.of(a, b),
                new HashMap<>(),
                s -> !a.assignment().isEmpty() && !b.assignment().isEmpty());

        b.close();
        consumers.remove(b);

        pollUntil(List.of(a), new HashMap<>(), s -> a.assignment().size() == PARTITIONS);
        produce(topic, 30);
        Map<String, Integer> seen = new HashMap<>();
        pollUntil(List.of(a), seen, s -> s.size() == 30);
        assertThat(seen).hasSize(30);
    }

    @Test
    void shouldMovePartitionsWhenAStaticMemberStopsWithoutLeaving() throws Exception {
        String topic = topic("expire");
        Map<String, String> staticA = Map.of("group.instance.id", "instance-a", "session.timeout.ms", "6000");
        KafkaConsumer<String, String> a = consumer("expire-group", staticA);
        KafkaConsumer<String, String> b = consumer("expire-group", Map.of("session.timeout.ms", "6000"));
        a.subscribe(List.of(topic));
        b.subscribe(List.of(topic));
        pollUntil(
                List.of(a, b),
                new HashMap<>(),
                s -> !a.assignment().isEmpty() && !b.assignment().isEmpty());

        // A static member does not send LeaveGroup when it closes: the coordinator must notice the missing
        // heartbeats and hand its partitions over once the session times out.
        a.close();
        consumers.remove(a);

        pollUntil(List.of(b), new HashMap<>(), s -> b.assignment().size() == PARTITIONS);
        assertThat(b.assignment()).hasSize(PARTITIONS);
    }

    @Test
    void shouldGiveARestartedStaticMemberItsPartitionsBackWithoutARebalance() throws Exception {
        String topic = topic("static");
        KafkaConsumer<String, String> a = consumer("static-group", Map.of("group.instance.id", "a"));
        KafkaConsumer<String, String> b = consumer("static-group", Map.of("group.instance.id", "b"));
        a.subscribe(List.of(topic));
        b.subscribe(List.of(topic));
        pollUntil(
                List.of(a, b),
                new HashMap<>(),
                s -> !a.assignment().isEmpty() && !b.assignment().isEmpty());
        Set<TopicPartition> assignedToA = Set.copyOf(a.assignment());
        int generation = b.groupMetadata().generationId();
        a.close();
        consumers.remove(a);

        KafkaConsumer<String, String> restarted = consumer("static-group", Map.of("group.instance.id", "a"));
        restarted.subscribe(List.of(topic));
        pollUntil(List.of(restarted, b), new HashMap<>(), s -> !restarted
                .assignment()
                .isEmpty());

        assertThat(restarted.assignment()).isEqualTo(assignedToA);
        assertThat(restarted.groupMetadata().generationId()).isEqualTo(generation);
        assertThat(b.groupMetadata().generationId()).isEqualTo(generation);
    }

    @Test
    void shouldListDescribeAndDeleteGroupsWhenKafkaAdminAsks() throws Exception {
        String topic = topic("admin");
        KafkaConsumer<String, String> member = consumer("admin-group", Map.of("client.id", "admin-member"));
        member.subscribe(List.of(topic));
        pollUntil(List.of(member), new HashMap<>(), s -> member.assignment().size() == PARTITIONS);
        member.commitSync();
        Admin kafka = kafkaAdmin();

        Awaitility.await("a stable group described").atMost(WAIT).untilAsserted(() -> {
            ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of("admin-group"))
                    .describedGroups()
                    .get("admin-group")
                    .get(10, TimeUnit.SECONDS);
            assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(group.members()).hasSize(1);
            MemberDescription described = group.members().iterator().next();
            assertThat(described.clientId()).isEqualTo("admin-member");
            assertThat(described.host()).isEqualTo("/127.0.0.1");
            assertThat(described.assignment().topicPartitions()).hasSize(PARTITIONS);
        });
        List<String> listed = kafka.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .toList();
        assertThat(listed).contains("admin-group");

        member.close();
        consumers.remove(member);
        kafka.deleteConsumerGroups(List.of("admin-group")).all().get(30, TimeUnit.SECONDS);

        assertThat(kafka.listConsumerGroupOffsets("admin-group")
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS))
                .isEmpty();
    }

    private String topic(String name) throws Exception {
        String topic = "groups-" + name;
        Topics.create(admin, new NewTopic(topic, PARTITIONS, (short) 1));
        return topic;
    }

    private void produce(String topic, int count) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, topic + "-" + System.nanoTime() + "-" + i));
            }
            producer.flush();
        }
    }

    private KafkaConsumer<String, String> consumer(String group, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("group.id", group);
        p.put("group.protocol", "classic");
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("heartbeat.interval.ms", "500");
        p.putAll(overrides);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumers.add(consumer);
        return consumer;
    }

    private Admin kafkaAdmin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        Admin kafka = Admin.create(p);
        kafkaAdmins.add(kafka);
        return kafka;
    }

    /** Polls every consumer in turn, counting each record value seen, until {@code done} holds. */
    private static void pollUntil(
            List<KafkaConsumer<String, String>> members,
            Map<String, Integer> seen,
            Predicate<Map<String, Integer>> done) {
        Awaitility.await("group progress")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    for (KafkaConsumer<String, String> member : members) {
                        for (ConsumerRecord<String, String> record : member.poll(Duration.ofMillis(50))) {
                            seen.merge(record.value(), 1, Integer::sum);
                        }
                    }
                    return done.test(seen);
                });
    }

    private static int assignedPartitions(List<KafkaConsumer<String, String>> members) {
        return members.stream().mapToInt(m -> m.assignment().size()).sum();
    }
}
