package io.runnel.bench.group;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * One group member: a {@link KafkaConsumer} (classic protocol) created, subscribed, polled and closed by a thread of
 * its own, as an application's consumer is. What the member knows is published through its rebalance listener: after
 * every completed rebalance ({@code onPartitionsAssigned}, which the consumer calls after each one, possibly with no
 * new partitions) a {@link Snapshot} of its generation and whole assignment, stamped on this thread; and when it
 * starts to rejoin with the eager protocol ({@code onPartitionsRevoked} before its JoinGroup), that moment.
 *
 * <p>The consumer never leaves its thread. Other threads only read the published volatile fields and ask the member to
 * leave ({@link #leave}), which the thread does by closing the consumer after its current poll.
 */
final class PollingMember implements AutoCloseable {
    /**
     * What a member held after a rebalance.
     *
     * @param generation the group generation it completed, -1 before its first
     * @param assignment its whole assignment then
     * @param nanos {@link System#nanoTime()} when its {@code onPartitionsAssigned} ran
     */
    record Snapshot(int generation, Set<TopicPartition> assignment, long nanos) {
        static final Snapshot NONE = new Snapshot(-1, Set.of(), 0);

        Snapshot {
            assignment = Set.copyOf(assignment);
        }
    }

    private final String name;
    private final Map<String, Object> config;
    private final String topic;
    private final Duration pollTimeout;
    private final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Snapshot snapshot = Snapshot.NONE;
    /** When the member completed each generation: written by its thread, read by others. */
    private final Map<Integer, Long> completed = new ConcurrentHashMap<>();

    private volatile long startNanos;
    private volatile long lastRevokeNanos = -1;
    private volatile long closeStartNanos = -1;
    private volatile long closeEndNanos = -1;
    private volatile boolean leaving;
    private volatile @Nullable Throwable failure;

    private PollingMember(String name, Map<String, Object> config, String topic, Duration pollTimeout) {
        this.name = name;
        this.config = Map.copyOf(config);
        this.topic = topic;
        this.pollTimeout = pollTimeout;
        this.thread = new Thread(this::run, "member-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a member: its thread creates the consumer, notes the time, subscribes and polls until {@link #leave}.
     * Returns once the consumer exists and is about to subscribe (its {@link #startNanos()} is set).
     *
     * @param consumerConfig the consumer's settings; the member adds its client id and the byte-array deserializers
     */
    static PollingMember start(String name, Map<String, Object> consumerConfig, String topic, Duration pollTimeout)
            throws InterruptedException {
        Map<String, Object> config = withDeserializers(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        PollingMember member = new PollingMember(name, config, topic, pollTimeout);
        member.thread.start();
        if (!member.started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("member " + name + " did not create its consumer within 60 s");
        }
        return member;
    }

    /** A copy of {@code consumerConfig} with the byte-array deserializers. */
    static Map<String, Object> withDeserializers(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            startNanos = System.nanoTime();
            started.countDown();
            consumer.subscribe(List.of(topic), new Listener(consumer));
            while (!leaving) {
                consumer.poll(pollTimeout);
            }
            closeStartNanos = System.nanoTime();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            closeEndNanos = System.nanoTime();
            started.countDown();
            closed.countDown();
        }
    }

    /** Publishes what the consumer holds after each rebalance, on the member's thread. */
    private final class Listener implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Listener(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!leaving) {
                lastRevokeNanos = System.nanoTime();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            long now = System.nanoTime();
            int generation = consumer.groupMetadata().generationId();
            completed.put(generation, now);
            snapshot = new Snapshot(generation, consumer.assignment(), now);
        }
    }

    String name() {
        return name;
    }

    /** {@link System#nanoTime()} when the member completed {@code generation}, -1 if it did not. */
    long completedNanos(int generation) {
        return completed.getOrDefault(generation, -1L);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** When the thread had created the consumer and was about to subscribe. */
    long startNanos() {
        return startNanos;
    }

    /** When the member last began an eager rejoin (revoked its partitions), -1 if never. */
    long lastRevokeNanos() {
        return lastRevokeNanos;
    }

    /** Why the member's thread ended early, if it did. */
    @Nullable
    Throwable failure() {
        return failure;
    }

    /** Whether the thread is still polling. */
    boolean isPolling() {
        return !leaving && closed.getCount() > 0;
    }

    /** Asks the member to leave the group without waiting: it closes its consumer after its current poll. */
    void requestLeave() {
        leaving = true;
    }

    /**
     * Makes the member leave the group: its thread closes the consumer (which sends LeaveGroup) after its current
     * poll. Waits for the close.
     *
     * @return {@link System#nanoTime()} when the thread called {@code close()}: the moment the member left
     */
    long leave() throws InterruptedException {
        requestLeave();
        awaitClosed();
        return closeStartNanos;
    }

    /** How long the consumer's {@code close()} took, -1 if it has not closed. */
    long closeNanos() {
        return closeStartNanos < 0 ? -1 : closeEndNanos - closeStartNanos;
    }

    private void awaitClosed() throws InterruptedException {
        if (!closed.await(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("member " + name + " did not close within 90 s");
        }
    }

    /** Leaves the group if it has not, and waits for the thread. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        requestLeave();
        awaitClosed();
    }
}
