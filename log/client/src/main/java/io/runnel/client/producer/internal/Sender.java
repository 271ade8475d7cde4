package io.runnel.client.producer.internal;

import io.runnel.client.Node;
import io.runnel.client.internal.Cluster;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.NetworkClient;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.InitProducerIdRequest;
import io.runnel.protocol.message.InitProducerIdResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.protocol.message.ProduceResponse;
import io.runnel.records.MemoryRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's I/O thread: gets a producer id (idempotence), keeps metadata fresh, drains ready batches from the
 * {@link RecordAccumulator} into one Produce request per broker (up to {@code max.in.flight.requests.per.connection}
 * in flight), and completes, retries or fails batches from the responses.
 *
 * <p>Retries: a batch that fails with a retriable error (a disconnection, a request timeout, {@code
 * NOT_LEADER_OR_FOLLOWER}, ...) goes back to the front of its partition after {@code retry.backoff.ms}, with the same
 * bytes and sequence, as long as {@code retries} and {@code delivery.timeout.ms} allow; leader errors refresh metadata
 * first. {@code DUPLICATE_SEQUENCE_NUMBER} means the broker has the batch already: it succeeds with an unknown offset.
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER}, {@code UNKNOWN_PRODUCER_ID} and {@code INVALID_PRODUCER_EPOCH} fail the batch
 * and make the producer fetch a new producer id, so later batches start clean sequences.
 *
 * <p>{@link #run()} loops over {@link #runOnce(long)}; {@link #initiateClose()} lets it send what is buffered and stop,
 * {@link #forceClose()} stops it at once, failing what is left.
 */
public final class Sender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final long MAX_POLL_MS = 1_000L;

    /**
     * What the sender needs from the producer's config.
     *
     * @param acks {@code acks}, as on the wire
     * @param retries {@code retries}
     * @param maxInFlight {@code max.in.flight.requests.per.connection}
     * @param maxRequestSize {@code max.request.size}
     * @param requestTimeoutMs {@code request.timeout.ms}
     * @param retryBackoffMs {@code retry.backoff.ms}
     * @param deliveryTimeoutMs {@code delivery.timeout.ms}
     */
    public record Settings(
            short acks,
            int retries,
            int maxInFlight,
            int maxRequestSize,
            long requestTimeoutMs,
            long retryBackoffMs,
            long deliveryTimeoutMs) {}

    private final Settings settings;
    private final RecordAccumulator accumulator;
    private final Metadata metadata;
    private final NetworkClient network;
    private final MetadataUpdater metadataUpdater;
    private final @Nullable IdempotenceState idempotence;
    private final Time time;
    private final String logPrefix;

    private volatile boolean running = true;
    private volatile boolean forceClose;
    private volatile @Nullable RunnelException fatalError;
    private boolean initProducerIdInFlight;
    private long nextInitProducerIdMs;

    public Sender(
            Settings settings,
            RecordAccumulator accumulator,
            Metadata metadata,
            NetworkClient network,
            MetadataUpdater metadataUpdater,
            boolean idempotent,
            Time time,
            String logPrefix) {
        this.settings = settings;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.network = network;
        this.metadataUpdater = metadataUpdater;
        this.idempotence = idempotent ? new IdempotenceState() : null;
        this.time = time;
        this.logPrefix = logPrefix;
    }

    @Override
    public void run() {
        log.debug("{} Sender started", logPrefix);
        try {
            while (running) {
                runOnceSafely();
            }
            while (!forceClose && (accumulator.hasIncomplete() || network.hasPendingRequests())) {
                runOnceSafely();
            }
        } finally {
            network.close();
            accumulator.abortIncompleteBatches(new RunnelException("the producer was closed forcefully"));
            metadata.close();
            log.debug("{} Sender stopped", logPrefix);
        }
    }

    private void runOnceSafely() {
        try {
            runOnce(time.milliseconds());
        } catch (RuntimeException e) {
            log.error("{} Uncaught error in the producer's I/O thread", logPrefix, e);
        }
    }

    /** One pass: producer id, metadata, drain and send, expire, network work. */
    void runOnce(long now) {
        RunnelException fatal = fatalError;
        if (fatal != null) {
            accumulator.abortIncompleteBatches(fatal);
            network.poll(MAX_POLL_MS, now);
            return;
        }
        IdempotenceState state = idempotence;
        if (state != null && !state.hasProducerId()) {
            long wait = maybeInitProducerId(state, now);
            network.poll(Math.min(wait, MAX_POLL_MS), now);
            return;
        }
        long wait = Math.min(metadataUpdater.maybeUpdate(now), MAX_POLL_MS);
        Cluster cluster = metadata.cluster();
        RecordAccumulator.ReadyCheckResult result = accumulator.ready(cluster, now);
        if (!result.unknownLeaderTopics().isEmpty()) {
            result.unknownLeaderTopics().forEach(metadata::addTopic);
            metadata.requestUpdate();
        }
        Set<Node> sendable = new HashSet<>();
        for (Node node : result.readyNodes()) {
            if (network.ready(node, now) && network.pendingRequests(node) < settings.maxInFlight()) {
                sendable.add(node);
            } else if (!network.isReady(node)) {
                wait = Math.min(wait, Math.max(1, settings.retryBackoffMs()));
            }
        }
        Map<Node, List<ProducerBatch>> drained =
                accumulator.drain(cluster, sendable, settings.maxRequestSize(), idempotence, now);
        for (ProducerBatch expired : accumulator.expiredBatches(now)) {
            finish(
                    expired,
                    new TimeoutException("Expiring " + expired.recordCount() + " record(s) for "
                            + expired.topicPartition + ": " + (now - expired.createdMs)
                            + " ms has passed since batch creation (delivery.timeout.ms)"));
        }
        drained.forEach((node, batches) -> sendProduce(node, batches, now));
        wait = Math.min(wait, result.nextReadyCheckDelayMs());
        network.poll(Math.max(0, wait), now);
    }

    private long maybeInitProducerId(IdempotenceState state, long now) {
        if (initProducerIdInFlight || now < nextInitProducerIdMs) {
            return Math.max(1, nextInitProducerIdMs - now);
        }
        Node node = network.leastLoadedNode(metadataUpdater.candidates(), now);
        if (node == null || !network.ready(node, now)) {
            return Math.max(1, settings.retryBackoffMs());
        }
        initProducerIdInFlight = true;
        network.send(
                node,
                ApiKey.INIT_PRODUCER_ID,
                new InitProducerIdRequest(null, Integer.MAX_VALUE, -1L, (short) -1),
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        initProducerIdInFlight = false;
                        InitProducerIdResponse response = (InitProducerIdResponse) body;
                        if (response == null) {
                            return;
                        }
                        Errors error = Errors.forCode(response.errorCode());
                        if (error == Errors.NONE) {
                            state.setProducerIdAndEpoch(response.producerId(), response.producerEpoch());
                            log.info(
                                    "{} ProducerId set to {} with epoch {}",
                                    logPrefix,
                                    response.producerId(),
                                    response.producerEpoch());
                        } else if (error.retriable()) {
                            nextInitProducerIdMs = time.milliseconds() + settings.retryBackoffMs();
                        } else {
                            RunnelException fatal = error.exception(null);
                            fatalError = fatal != null ? fatal : new RunnelException(error.name());
                            log.error("{} InitProducerId failed: {}", logPrefix, error);
                        }
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        initProducerIdInFlight = false;
                        nextInitProducerIdMs = time.milliseconds() + settings.retryBackoffMs();
                        if (!(error instanceof RetriableException)) {
                            fatalError = error instanceof RunnelException runnel ? runnel : new RunnelException(error);
                        }
                    }
                },
                true,
                now,
                settings.requestTimeoutMs());
        return settings.requestTimeoutMs();
    }

    private void sendProduce(Node node, List<ProducerBatch> batches, long now) {
        Map<String, List<ProduceRequest.PartitionProduceData>> byTopic = new LinkedHashMap<>();
        Map<TopicPartition, ProducerBatch> byPartition = new HashMap<>();
        for (ProducerBatch batch : batches) {
            byTopic.computeIfAbsent(batch.topicPartition.topic(), t -> new ArrayList<>())
                    .add(new ProduceRequest.PartitionProduceData(
                            batch.topicPartition.partition(), MemoryRecords.wrap(batch.built())));
            byPartition.put(batch.topicPartition, batch);
        }
        List<ProduceRequest.TopicProduceData> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, partitions) -> topics.add(new ProduceRequest.TopicProduceData(topic, partitions)));
        ProduceRequest request = new ProduceRequest(null, settings.acks(), (int) settings.requestTimeoutMs(), topics);
        log.trace("{} Sending {} batch(es) to {}", logPrefix, batches.size(), node);
        network.send(
                node,
                ApiKey.PRODUCE,
                request,
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        handleResponse(byPartition, (ProduceResponse) body);
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        long failedAt = time.milliseconds();
                        for (ProducerBatch batch : byPartition.values()) {
                            if (error instanceof RetriableException && canRetry(batch, failedAt)) {
                                retry(batch, failedAt, true);
                            } else {
                                finish(batch, error);
                            }
                        }
                    }
                },
                settings.acks() != 0,
                now,
                settings.requestTimeoutMs());
    }

    private void handleResponse(Map<TopicPartition, ProducerBatch> batches, @Nullable ProduceResponse response) {
        long now = time.milliseconds();
        if (response == null) {
            batches.values().forEach(batch -> complete(batch, -1L, -1L));
            return;
        }
        for (ProduceResponse.TopicProduceResponse topic : response.responses()) {
            for (ProduceResponse.PartitionProduceResponse partition : topic.partitionResponses()) {
                ProducerBatch batch = batches.remove(new TopicPartition(topic.name(), partition.index()));
                if (batch != null) {
                    handlePartition(batch, partition, now);
                }
            }
        }
        for (ProducerBatch missing : batches.values()) {
            finish(missing, new RunnelException("the broker's produce response left out " + missing.topicPartition));
        }
    }

    private void handlePartition(ProducerBatch batch, ProduceResponse.PartitionProduceResponse response, long now) {
        Errors error = Errors.forCode(response.errorCode());
        if (error == Errors.NONE) {
            complete(batch, response.baseOffset(), response.logAppendTimeMs());
            return;
        }
        if (error == Errors.DUPLICATE_SEQUENCE_NUMBER) {
            complete(batch, -1L, response.logAppendTimeMs());
            return;
        }
        if (error.retriable() && canRetry(batch, now)) {
            retry(batch, now, invalidatesMetadata(error));
            return;
        }
        RunnelException exception = error.exception(response.errorMessage());
        IdempotenceState state = idempotence;
        if (state != null
                && (error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER
                        || error == Errors.UNKNOWN_PRODUCER_ID
                        || error == Errors.INVALID_PRODUCER_EPOCH)) {
            log.warn("{} {} for {}; getting a new producer id", logPrefix, error, batch);
            state.reset();
        }
        finish(batch, exception != null ? exception : new RunnelException(error.name()));
    }

    private static boolean invalidatesMetadata(Errors error) {
        return error == Errors.NOT_LEADER_OR_FOLLOWER
                || error == Errors.UNKNOWN_TOPIC_OR_PARTITION
                || error == Errors.LEADER_NOT_AVAILABLE
                || error == Errors.KAFKA_STORAGE_ERROR;
    }

    private boolean canRetry(ProducerBatch batch, long now) {
        return !forceClose
                && batch.attempts <= settings.retries()
                && now - batch.createdMs < settings.deliveryTimeoutMs();
    }

    private void retry(ProducerBatch batch, long now, boolean refreshMetadata) {
        log.debug("{} Retrying {} (attempt {})", logPrefix, batch, batch.attempts + 1);
        if (refreshMetadata) {
            metadata.requestUpdate();
        }
        accumulator.reenqueue(batch, now);
        accumulator.unmute(batch.topicPartition);
    }

    private void complete(ProducerBatch batch, long baseOffset, long logAppendTime) {
        accumulator.unmute(batch.topicPartition);
        batch.complete(baseOffset, logAppendTime);
        accumulator.deallocate(batch);
    }

    private void finish(ProducerBatch batch, RuntimeException error) {
        accumulator.unmute(batch.topicPartition);
        batch.fail(error);
        accumulator.deallocate(batch);
    }

    /** A fatal error that makes every send fail (InitProducerId refused), or null. */
    public @Nullable RunnelException fatalError() {
        return fatalError;
    }

    /** Stops accepting work; what is buffered is still sent. Any thread. */
    public void initiateClose() {
        running = false;
        accumulator.close();
        network.wakeup();
    }

    /** Stops at once; what is left fails. Any thread. */
    public void forceClose() {
        forceClose = true;
        initiateClose();
    }

    /** Wakes the I/O thread (a batch is ready, or metadata is wanted). Any thread. */
    public void wakeup() {
        network.wakeup();
    }
}
