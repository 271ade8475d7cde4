package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A group under churn while records flow: members join, leave, stop polling (and are removed after {@code
 * max.poll.interval.ms}) or vanish without a word (static members that close, found out by their session timeout),
 * while a producer writes numbered records. Each member processes a batch, then commits it with {@code commitSync}.
 *
 * <p>Checked at the end: within each generation no partition had two owners; every acknowledged record was processed;
 * and a record was processed twice only where a member processed it and could not commit it (it stopped, vanished,
 * or its commit was refused because the group had moved on): the redelivered range is bounded by the last commit.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class GroupChurnSuite extends ClusterSuite {
    private static final int PARTITIONS = 6;
    private static final String GROUP = "churn";

    private final Map<Integer, Map<TopicPartition, String>> owners = new ConcurrentHashMap<>();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong allowedDuplicates = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();

    GroupChurnSuite(TestCluster.Kind kind) {
        super(kind);
    }

    @Override
    Map<String, String> brokerConfigs() {
        return Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "3");
    }

    /** How a member ends. */
    private enum Exit {
        LEAVE,
        STOP_POLLING,
        VANISH
    }

    /** A member on its own thread: poll, process, commitSync, until told how to end. */
    private final class Member implements Runnable {
        final String name;
        final boolean isStatic;
        final KafkaConsumer<String, String> consumer;
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Exit exit;
        long uncommitted;

        Member(String name, boolean isStatic) {
            this.name = name;
            this.isStatic = isStatic;
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers());
            p.put("group.id", GROUP);
            p.put("group.protocol", "classic");
            p.put("client.id", name);
            p.put("auto.offset.reset", "earliest");
            p.put("enable.auto.commit", "false");
            p.put("session.timeout.ms", "6000");
            p.put("heartbeat.interval.ms", "500");
            p.put("max.poll.interval.ms", "4000");
            p.put("max.poll.records", "50");
            if (isStatic) {
                p.put("group.instance.id", name);
            }
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(topic()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        commit();
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        int generation = consumer.groupMetadata().generationId();
                        Map<TopicPartition, String> owned =
                                owners.computeIfAbsent(generation, g -> new ConcurrentHashMap<>());
                        for (TopicPartition tp : partitions) {
                            String previous = owned.putIfAbsent(tp, name);
                            if (previous != null && !previous.equals(name)) {
                                violations.add(
                                        tp + " owned by " + previous + " and " + name + " in generation " + generation);
                            }
                        }
                    }
                });
                while (exit == null) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        processed
                                .computeIfAbsent(record.value(), v -> new AtomicInteger())
                                .incrementAndGet();
                        uncommitted++;
                    }
                    commit();
                }
                end();
            } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                allowedDuplicates.addAndGet(uncommitted);
            } catch (RuntimeException e) {
                violations.add(name + " failed: " + e);
            } finally {
                ended.countDown();
            }
        }

        private void commit() {
            if (uncommitted == 0) {
                return;
            }
            try {
                consumer.commitSync();
                uncommitted = 0;
            } catch (CommitFailedException | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                // The group moved on: another member will read these records again from the last commit.
                allowedDuplicates.addAndGet(uncommitted);
                uncommitted = 0;
            }
        }

        private void end() {
            switch (exit) {
                case LEAVE -> {
                    commit();
                    consumer.close();
                }
                case STOP_POLLING -> {
                    // Processed but not committed; the member is removed after max.poll.interval.ms.
                    allowedDuplicates.addAndGet(uncommitted);
                    awaitRelease();
                    closeQuietly();
                }
                case VANISH -> {
                    allowedDuplicates.addAndGet(uncommitted);
                    closeQuietly();
                }
            }
        }

        private void awaitRelease() {
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void closeQuietly() {
            try {
                consumer.close(Duration.ZERO);
            } catch (KafkaException e) {
                // closing a member that was removed from the group may fail its last requests; nothing to keep
            }
        }

        void stop(Exit how) throws InterruptedException {
            exit = how;
            if (how != Exit.STOP_POLLING) {
                assertThat(ended.await(60, TimeUnit.SECONDS))
                        .as("%s stopped", name)
                        .isTrue();
            }
        }
    }

    private String topic() {
        return "churn-" + cluster.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void shouldKeepOneOwnerPerPartitionAndLoseNothingWhenMembersComeAndGo() throws Exception {
        Topics.create(admin, new NewTopic(topic(), PARTITIONS, (short) 1));
        ExecutorService threads = Executors.newCachedThreadPool();
        List<Member> members = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                members.add(start(threads, "member-" + i, false));
            }
            produce(producer, 300);
            awaitAllProcessed();

            // Each step changes the group while a chunk of records is in flight, then waits for the group to catch up.
            Exit[] script = {Exit.LEAVE, null, Exit.STOP_POLLING, null, Exit.VANISH, null, Exit.LEAVE, null};
            int next = 3;
            for (Exit step : script) {
                send(producer, 300);
                if (step == null) {
                    members.add(start(threads, "member-" + next, next % 2 == 0));
                    next++;
                } else {
                    Member victim = pick(members, step);
                    victim.stop(step);
                }
                producer.flush();
                awaitAllProcessed();
            }
        } finally {
            for (Member member : members) {
                member.release.countDown();
                if (member.exit == null) {
                    member.stop(Exit.LEAVE);
                }
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(violations).isEmpty();
        assertThat(owners).hasSizeGreaterThanOrEqualTo(6);
        long duplicates =
                processed.values().stream().mapToLong(c -> c.get() - 1).sum();
        assertThat(duplicates)
                .as("records processed twice, against those processed but never committed")
                .isLessThanOrEqualTo(allowedDuplicates.get());
        assertThat(acknowledged).hasSize(2700);
        assertThat(processed.keySet()).containsAll(acknowledged);
    }

    private Member start(ExecutorService threads, String name, boolean isStatic) {
        Member member = new Member(name, isStatic);
        threads.execute(member);
        return member;
    }

    /** A running member fit for the exit: a static one for VANISH (a dynamic one would still send LeaveGroup). */
    private static Member pick(List<Member> members, Exit exit) {
        for (Member member : members) {
            if (member.exit == null && (exit != Exit.VANISH || member.isStatic)) {
                return member;
            }
        }
        throw new AssertionError("no running member fit to " + exit + " among " + members.size());
    }

    private void awaitAllProcessed() {
        Awaitility.await("every acknowledged record processed")
                .atMost(Duration.ofSeconds(90))
                .until(() -> violations.isEmpty() && processed.keySet().containsAll(acknowledged));
        assertThat(violations).isEmpty();
    }

    private void produce(KafkaProducer<String, String> producer, int count) {
        send(producer, count);
        producer.flush();
    }

    private void send(KafkaProducer<String, String> producer, int count) {
        int start = sent.getAndAdd(count);
        for (int i = start; i < start + count; i++) {
            String value = "record-" + i;
            producer.send(new ProducerRecord<>(topic(), value, value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(value);
                }
            });
        }
    }
}
