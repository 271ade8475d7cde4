package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.WakeupException;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runnel's consumer in consumer groups against a broker's group coordinator: subscribe, rebalances as members come and
 * go (and crash), commits and resuming from them, auto-commit, the cooperative protocol, a group shared with Apache
 * Kafka's own consumer, and static membership. Runs once per broker kind ({@code GroupConsumerOnRunnelIT}, {@code
 * GroupConsumerOnKafkaIT}).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class GroupConsumerSuite extends ClusterSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    GroupConsumerSuite(TestCluster.Kind kind) {
        super(kind);
    }

    void createTopic(String name, int partitions) throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) 1));
    }

    void produce(String topic, int partitions, int count, String prefix) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("linger.ms", 1);
        try (RunnelProducer<String, String> producer =
                new RunnelProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, prefix + i));
            }
            producer.flush();
        }
    }

    Map<String, Object> groupConfig(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        config.put("session.timeout.ms", 6_000);
        config.put("heartbeat.interval.ms", 300);
        config.put("enable.auto.commit", false);
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        return config;
    }

    /** A consumer polling on its own thread, recording what it reads and what it is assigned. */
    static final class Member implements AutoCloseable {
        final RunnelConsumer<String, String> consumer;
        final List<ConsumerRecord<String, String>> read = new CopyOnWriteArrayList<>();
        final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean stopPolling = new AtomicBoolean();
        final AtomicBoolean commitEachPoll = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger(-1);
        final Thread thread;
        volatile boolean closeWithoutLeaving;

        Member(Map<String, Object> config, String topic, String name) {
            consumer = new RunnelConsumer<>(config);
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    events.add("revoked " + partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    events.add("assigned " + partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    events.add("lost " + partitions);
                }
            });
            thread = new Thread(this::run, "group-member-" + name);
            thread.start();
        }

        private void run() {
            try {
                while (!stopPolling.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                    assignment.set(consumer.assignment());
                    generation.set(consumer.groupMetadata().generationId());
                    if (commitEachPoll.get()) {
                        consumer.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        Set<String> values() {
            Set<String> values = new HashSet<>();
            read.forEach(r -> values.add(r.value()));
            return values;
        }

        @Override
        public void close() throws InterruptedException {
            stopPolling.set(true);
            consumer.wakeup();
            thread.join(30_000);
            consumer.close(Duration.ofSeconds(10));
        }
    }

    static Set<String> expectedValues(String prefix, int count) {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + i);
        }
        return values;
    }

    static void awaitAssignments(List<Member> members, int partitions) {
        Awaitility.await("every partition assigned to exactly one member")
                .atMost(WAIT)
                .until(() -> {
                    List<TopicPartition> all = new ArrayList<>();
                    for (Member member : members) {
                        assertThat(member.failure.get()).isNull();
                        all.addAll(member.assignment.get());
                    }
                    boolean everyMemberHasSome = partitions < members.size()
                            || members.stream()
                                    .noneMatch(m -> m.assignment.get().isEmpty());
                    return everyMemberHasSome && all.size() == partitions && new HashSet<>(all).size() == partitions;
                });
    }

    @Test
    void shouldReadEveryRecordWhenOneConsumerSubscribes() throws Exception {
        createTopic("single", 3);
        produce("single", 3, 300, "v");

        try (Member member = new Member(groupConfig("g-single"), "single", "a")) {
            Awaitility.await().atMost(WAIT).until(() -> member.read.size() >= 300);

            assertThat(member.values()).isEqualTo(expectedValues("v", 300));
            assertThat(member.read).hasSize(300);
            assertThat(member.assignment.get()).hasSize(3);
            assertThat(member.generation.get()).isPositive();
        }
    }

    @Test
    void shouldSplitPartitionsWithoutOverlapAndReadEveryRecordOnceWhenThreeConsumersShareAGroup() throws Exception {
        createTopic("split", 6);
        try (Member a = new Member(groupConfig("g-split"), "split", "a");
                Member b = new Member(groupConfig("g-split"), "split", "b");
                Member c = new Member(groupConfig("g-split"), "split", "c")) {
            List<Member> members = List.of(a, b, c);
            awaitAssignments(members, 6);
            members.forEach(m -> assertThat(m.assignment.get()).hasSize(2));

            produce("split", 6, 600, "s");

            Awaitility.await().atMost(WAIT).until(() -> a.read.size() + b.read.size() + c.read.size() >= 600);
            List<String> all = new ArrayList<>();
            members.forEach(m -> m.read.forEach(r -> all.add(r.value())));
            assertThat(all).hasSize(600).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(expectedValues("s", 600));
            for (Member m : members) {
                m.read.forEach(
                        r -> assertThat(m.assignment.get()).contains(new TopicPartition(r.topic(), r.partition())));
            }
        }
    }

    @Test
    void shouldMovePartitionsToTheOthersWhenAMemberCloses() throws Exception {
        createTopic("leave", 4);
        Member a = new Member(groupConfig("g-leave"), "leave", "a");
        try (Member b = new Member(groupConfig("g-leave"), "leave", "b")) {
            awaitAssignments(List.of(a, b), 4);

            a.close();

            awaitAssignments(List.of(b), 4);
            assertThat(a.events).anyMatch(e -> e.startsWith("revoked"));
        }
    }

    @Test
    void shouldMovePartitionsAfterTheSessionTimeoutWhenAMemberCrashes() throws Exception {
        createTopic("crash", 4);
        Map<String, Object> crashing = groupConfig("g-crash");
        crashing.put("internal.leave.group.on.close", false);
        Member a = new Member(crashing, "crash", "a");
        try (Member b = new Member(groupConfig("g-crash"), "crash", "b")) {
            awaitAssignments(List.of(a, b), 4);
            long crashedAt = System.nanoTime();

            a.close();

            awaitAssignments(List.of(b), 4);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt))
                    .isGreaterThan(3_000);
        }
    }

    @Test
    void shouldLeaveTheGroupWhenAMemberStopsPollingForMaxPollInterval() throws Exception {
        createTopic("slow", 2);
        Map<String, Object> slow = groupConfig("g-slow");
        slow.put("max.poll.interval.ms", 3_000);
        Member a = new Member(slow, "slow", "a");
        try (Member b = new Member(groupConfig("g-slow"), "slow", "b")) {
            awaitAssignments(List.of(a, b), 2);

            a.stopPolling.set(true);
            a.thread.join(10_000);

            awaitAssignments(List.of(b), 2);
            a.consumer.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldResumeFromCommittedOffsetsWhenANewConsumerJoins() throws Exception {
        createTopic("resume", 2);
        produce("resume", 2, 100, "r");
        try (RunnelConsumer<String, String> first = new RunnelConsumer<>(groupConfig("g-resume"))) {
            first.subscribe(List.of("resume"));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (read.size() < 100 && System.nanoTime() < deadline) {
                first.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).hasSize(100);
            first.commitSync();
            assertThat(first.committed(Set.of(new TopicPartition("resume", 0), new TopicPartition("resume", 1))))
                    .containsEntry(new TopicPartition("resume", 0), new OffsetAndMetadata(50))
                    .containsEntry(new TopicPartition("resume", 1), new OffsetAndMetadata(50));
        }
        produce("resume", 2, 20, "after");

        try (Member second = new Member(groupConfig("g-resume"), "resume", "second")) {
            Awaitility.await().atMost(WAIT).until(() -> second.read.size() >= 20);

            assertThat(second.values()).isEqualTo(expectedValues("after", 20));
        }
    }

    @Test
    void shouldCommitPositionsAutomaticallyWhenAutoCommitIsOn() throws Exception {
        createTopic("auto", 2);
        produce("auto", 2, 40, "a");
        Map<String, Object> config = groupConfig("g-auto");
        config.put("enable.auto.commit", true);
        config.put("auto.commit.interval.ms", 200);

        try (Member member = new Member(config, "auto", "a")) {
            Awaitility.await().atMost(WAIT).until(() -> member.read.size() >= 40);
        }

        try (RunnelConsumer<String, String> check = new RunnelConsumer<>(groupConfig("g-auto"))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    check.committed(Set.of(new TopicPartition("auto", 0), new TopicPartition("auto", 1)));
            assertThat(committed)
                    .containsEntry(new TopicPartition("auto", 0), new OffsetAndMetadata(20))
                    .containsEntry(new TopicPartition("auto", 1), new OffsetAndMetadata(20));
        }
    }

    @Test
    void shouldKeepUnmovedPartitionsWhenCooperativeStickyRebalances() throws Exception {
        createTopic("coop", 4);
        Map<String, Object> config = groupConfig("g-coop");
        config.put("partition.assignment.strategy", "cooperative-sticky");
        try (Member a = new Member(config, "coop", "a")) {
            awaitAssignments(List.of(a), 4);
            a.events.clear();

            try (Member b = new Member(config, "coop", "b")) {
                awaitAssignments(List.of(a, b), 4);
                Set<TopicPartition> kept = a.assignment.get();

                assertThat(kept).hasSize(2);
                assertThat(b.assignment.get()).hasSize(2);
                List<String> revocations =
                        a.events.stream().filter(e -> e.startsWith("revoked")).toList();
                assertThat(revocations).hasSize(1);
                for (TopicPartition tp : kept) {
                    assertThat(revocations.get(0)).doesNotContain(tp.toString());
                }
                assertThat(a.events).noneMatch(e -> e.startsWith("lost"));
            }
        }
    }

    @Test
    void shouldSharePartitionsWhenARunnelAndAKafkaConsumerFormOneGroup() throws Exception {
        createTopic("mixed", 4);
        produce("mixed", 4, 200, "m");
        Properties kafkaConfig = new Properties();
        kafkaConfig.put("bootstrap.servers", bootstrapServers());
        kafkaConfig.put("group.id", "g-mixed");
        kafkaConfig.put("auto.offset.reset", "earliest");
        kafkaConfig.put("session.timeout.ms", "6000");
        kafkaConfig.put("heartbeat.interval.ms", "300");
        kafkaConfig.put("enable.auto.commit", "false");
        kafkaConfig.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        kafkaConfig.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        Set<String> kafkaRead = ConcurrentHashMap.newKeySet();
        AtomicReference<Set<org.apache.kafka.common.TopicPartition>> kafkaAssignment = new AtomicReference<>(Set.of());
        AtomicBoolean stop = new AtomicBoolean();
        try (Member runnel = new Member(groupConfig("g-mixed"), "mixed", "runnel")) {
            awaitAssignments(List.of(runnel), 4);
            Thread kafkaThread = new Thread(() -> {
                try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(kafkaConfig)) {
                    kafka.subscribe(List.of("mixed"));
                    while (!stop.get()) {
                        kafka.poll(Duration.ofMillis(100)).forEach(r -> kafkaRead.add(r.value()));
                        kafkaAssignment.set(kafka.assignment());
                    }
                }
            });
            kafkaThread.start();
            try {
                Awaitility.await("both consumers own two partitions")
                        .atMost(WAIT)
                        .until(() -> kafkaAssignment.get().size() == 2
                                && runnel.assignment.get().size() == 2);
                Set<TopicPartition> kafkaOwned = new HashSet<>();
                kafkaAssignment.get().forEach(tp -> kafkaOwned.add(new TopicPartition(tp.topic(), tp.partition())));
                assertThat(kafkaOwned).doesNotContainAnyElementsOf(runnel.assignment.get());

                produce("mixed", 4, 200, "late");

                Awaitility.await().atMost(WAIT).until(() -> {
                    Set<String> all = new HashSet<>(kafkaRead);
                    all.addAll(runnel.values());
                    return all.containsAll(expectedValues("late", 200));
                });
            } finally {
                stop.set(true);
                kafkaThread.join(30_000);
            }
        }
    }

    @Test
    void shouldGetTheSameAssignmentWhenAStaticMemberRejoins() throws Exception {
        createTopic("static", 4);
        Map<String, Object> first = groupConfig("g-static");
        first.put("group.instance.id", "instance-1");
        first.put("session.timeout.ms", 30_000);
        Map<String, Object> second = groupConfig("g-static");
        second.put("group.instance.id", "instance-2");
        second.put("session.timeout.ms", 30_000);
        try (Member b = new Member(second, "static", "b")) {
            Member a = new Member(first, "static", "a");
            awaitAssignments(List.of(a, b), 4);
            Set<TopicPartition> before = a.assignment.get();
            int generation = b.generation.get();

            a.close();
            try (Member again = new Member(first, "static", "again")) {
                awaitAssignments(List.of(again, b), 4);

                assertThat(again.assignment.get()).isEqualTo(before);
                assertThat(b.generation.get()).isEqualTo(generation);
            }
        }
    }
}
