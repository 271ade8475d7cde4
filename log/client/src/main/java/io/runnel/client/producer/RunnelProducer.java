package io.runnel.client.producer;

import io.runnel.client.PartitionInfo;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.NetworkClient;
import io.runnel.client.internal.Plugins;
import io.runnel.client.producer.internal.BufferPool;
import io.runnel.client.producer.internal.BuiltInPartitioner;
import io.runnel.client.producer.internal.RecordAccumulator;
import io.runnel.client.producer.internal.Sender;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.common.header.Header;
import io.runnel.common.header.RecordHeaders;
import io.runnel.common.serialization.Serializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runnel's producer, as Kafka's {@code KafkaProducer}: {@link #send} serializes, partitions and appends a record to a
 * per-partition batch in the {@link RecordAccumulator}; one I/O thread ({@code runnel-producer-<client.id>}, the
 * {@link Sender}) sends the batches. Idempotent by default.
 *
 * <p>Thread-safe: share one producer between threads. Owns its I/O thread, network connections and the serializers
 * and partitioner it created from the configuration (not those passed to the constructor), all released by {@link
 * #close(Duration)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RunnelProducer<K, V> implements Producer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(RunnelProducer.class);
    /** The batch headers of a record without headers, shared: nothing writes into a batch's header array. */
    private static final io.runnel.records.Header[] NO_HEADERS = new io.runnel.records.Header[0];

    private final ProducerConfig config;
    private final Time time;
    private final String logPrefix;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final boolean ownsKeySerializer;
    private final boolean ownsValueSerializer;
    private final @Nullable Partitioner partitioner;
    private final BuiltInPartitioner builtInPartitioner;
    private final Metadata metadata;
    private final RecordAccumulator accumulator;
    private final Sender sender;
    private final NetworkClient network;
    private final Thread ioThread;
    private volatile boolean closed;

    /** A producer from Kafka-named properties, serializers from {@code key.serializer} / {@code value.serializer}. */
    public RunnelProducer(Properties properties) {
        this(ProducerConfig.fromProperties(properties), null, null);
    }

    /** As {@link #RunnelProducer(Properties)}. */
    public RunnelProducer(Map<String, ?> config) {
        this(ProducerConfig.fromMap(config), null, null);
    }

    /** A producer from Kafka-named properties with the given serializers (not closed by the producer). */
    public RunnelProducer(Map<String, ?> config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ProducerConfig.fromMap(config), keySerializer, valueSerializer);
    }

    /** As {@link #RunnelProducer(Map, Serializer, Serializer)}. */
    public RunnelProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ProducerConfig.fromProperties(properties), keySerializer, valueSerializer);
    }

    /**
     * A producer with a typed configuration; null serializers are created from {@code key.serializer} / {@code
     * value.serializer}.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException if a serializer is neither given nor configured
     */
    public RunnelProducer(
            ProducerConfig config, @Nullable Serializer<K> keySerializer, @Nullable Serializer<V> valueSerializer) {
        this(config, keySerializer, valueSerializer, Time.SYSTEM);
    }

    @SuppressWarnings("unchecked")
    RunnelProducer(
            ProducerConfig config,
            @Nullable Serializer<K> keySerializer,
            @Nullable Serializer<V> valueSerializer,
            Time time) {
        this.config = config;
        this.time = time;
        this.logPrefix = "[Producer clientId=" + config.network().clientId() + "]";
        this.ownsKeySerializer = keySerializer == null;
        this.ownsValueSerializer = valueSerializer == null;
        this.keySerializer = keySerializer != null
                ? keySerializer
                : (Serializer<K>) Plugins.serializer(
                        config.keySerializer(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, config.originals(), true);
        this.valueSerializer = valueSerializer != null
                ? valueSerializer
                : (Serializer<V>) Plugins.serializer(
                        config.valueSerializer(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        config.originals(),
                        false);
        this.partitioner = Plugins.partitioner(config.partitionerClass(), config.originals());
        this.builtInPartitioner = new BuiltInPartitioner(config.batchSize(), config.partitionerIgnoreKeys());
        this.metadata = new Metadata(config.network());
        BufferPool pool = new BufferPool(config.bufferMemory(), config.batchSize(), time);
        this.accumulator = new RecordAccumulator(
                new RecordAccumulator.Settings(
                        config.batchSize(),
                        config.linger().toMillis(),
                        config.network().retryBackoff().toMillis(),
                        config.deliveryTimeout().toMillis(),
                        config.compressionType(),
                        config.compressionLevel()),
                pool);
        this.network = new NetworkClient(config.network(), time, logPrefix);
        this.sender = new Sender(
                new Sender.Settings(
                        config.acks(),
                        config.retries(),
                        config.maxInFlightRequestsPerConnection(),
                        config.maxRequestSize(),
                        config.network().requestTimeout().toMillis(),
                        config.network().retryBackoff().toMillis(),
                        config.deliveryTimeout().toMillis()),
                accumulator,
                metadata,
                network,
                new MetadataUpdater(metadata, network, config.network(), time, true, logPrefix),
                config.idempotence(),
                time,
                logPrefix);
        this.ioThread = new Thread(sender, "runnel-producer-" + config.network().clientId());
        ioThread.setDaemon(true);
        ioThread.start();
        log.info("{} Started (idempotence {})", logPrefix, config.idempotence() ? "on" : "off");
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, @Nullable Callback callback) {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        long deadline = time.milliseconds() + config.maxBlock().toMillis();
        try {
            RunnelException fatal = sender.fatalError();
            if (fatal != null) {
                throw fatal;
            }
            List<PartitionInfo> partitions = waitOnMetadata(record.topic(), record.partition(), deadline);
            RecordHeaders headers = (RecordHeaders) record.headers();
            byte[] key = serialize(keySerializer, record.topic(), headers, record.key(), "key");
            byte[] value = serialize(valueSerializer, record.topic(), headers, record.value(), "value");
            headers.setReadOnly();
            io.runnel.records.Header[] batchHeaders = toBatchHeaders(headers);
            int size = RecordAccumulator.estimateRecordSize(key, value, batchHeaders);
            ensureValidRecordSize(size);
            int partition = choosePartition(record, key, value, size, partitions);
            long timestamp = record.timestamp() != null ? record.timestamp() : time.milliseconds();
            RecordAccumulator.AppendResult result = accumulator.append(
                    new TopicPartition(record.topic(), partition),
                    timestamp,
                    key,
                    value,
                    batchHeaders,
                    callback,
                    Math.max(0, deadline - time.milliseconds()),
                    time.milliseconds());
            if (result.batchIsFull() || result.newBatchCreated()) {
                sender.wakeup();
            }
            return result.future();
        } catch (TimeoutException | RecordTooLargeException e) {
            // As Kafka: errors of this record (not of the caller) fail the future and the callback.
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<PartitionInfo> waitOnMetadata(String topic, @Nullable Integer partition, long deadline) {
        metadata.addTopic(topic);
        while (true) {
            List<PartitionInfo> partitions = metadata.cluster().partitionsForTopic(topic);
            if (partitions != null && !partitions.isEmpty()) {
                if (partition != null && partition >= partitions.size()) {
                    throw new IllegalArgumentException("Invalid partition given with record: " + partition
                            + " is not in the range [0..." + partitions.size() + ")");
                }
                return partitions;
            }
            int version = metadata.requestUpdate();
            sender.wakeup();
            try {
                metadata.awaitUpdate(
                        version,
                        deadline,
                        time,
                        "Topic " + topic + " not present in metadata after "
                                + config.maxBlock().toMillis() + " ms.");
            } catch (TimeoutException e) {
                String unreachable = network.lastConnectionFailure();
                if (unreachable == null) {
                    throw e;
                }
                throw new TimeoutException("cannot reach the cluster (" + unreachable + "); " + e.getMessage());
            }
        }
    }

    private static <T> byte @Nullable [] serialize(
            Serializer<T> serializer, String topic, RecordHeaders headers, @Nullable T data, String what) {
        try {
            return serializer.serialize(topic, headers, data);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Can't convert " + what + " of class "
                            + (data == null ? "null" : data.getClass().getName()) + " with "
                            + serializer.getClass().getName() + ": " + e,
                    e);
        }
    }

    // records' Header takes a null value (a header without one); NullAway does not see the record component's
    // type-use annotation across the module boundary.
    @SuppressWarnings("NullAway")
    private static io.runnel.records.Header[] toBatchHeaders(RecordHeaders headers) {
        if (headers.size() == 0) {
            return NO_HEADERS;
        }
        io.runnel.records.Header[] converted = new io.runnel.records.Header[headers.size()];
        int i = 0;
        for (Header header : headers) {
            converted[i++] = new io.runnel.records.Header(header.key(), header.value());
        }
        return converted;
    }

    private void ensureValidRecordSize(int size) {
        if (size > config.maxRequestSize()) {
            throw new RecordTooLargeException(
                    "The message is " + size + " bytes when serialized which is larger " + "than "
                            + config.maxRequestSize() + ", which is the value of the max.request.size configuration.");
        }
        if (size > config.bufferMemory()) {
            throw new RecordTooLargeException("The message is " + size + " bytes when serialized which is larger "
                    + "than the total memory buffer you have configured with the buffer.memory configuration.");
        }
    }

    private int choosePartition(
            ProducerRecord<K, V> record,
            byte @Nullable [] key,
            byte @Nullable [] value,
            int size,
            List<PartitionInfo> partitions) {
        Integer explicit = record.partition();
        if (explicit != null) {
            return explicit;
        }
        Partitioner custom = partitioner;
        if (custom != null) {
            int chosen = custom.partition(record.topic(), record.key(), key, record.value(), value, partitions);
            if (chosen < 0 || chosen >= partitions.size()) {
                throw new IllegalArgumentException(custom.getClass().getName() + " chose partition " + chosen
                        + " of topic " + record.topic() + ", which has " + partitions.size() + " partitions");
            }
            return chosen;
        }
        return builtInPartitioner.partition(record.topic(), key, size, partitions);
    }

    @Override
    public void flush() {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        accumulator.beginFlush();
        sender.wakeup();
        accumulator.awaitFlushCompletion();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        return waitOnMetadata(
                topic, null, time.milliseconds() + config.maxBlock().toMillis());
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        log.info("{} Closing with a timeout of {} ms", logPrefix, timeout.toMillis());
        try {
            sender.initiateClose();
            if (Thread.currentThread() != ioThread) {
                ioThread.join(Math.max(1, Math.min(timeout.toMillis(), TimeUnit.DAYS.toMillis(365))));
                if (ioThread.isAlive()) {
                    log.info("{} Records were left unsent after {} ms; failing them", logPrefix, timeout.toMillis());
                    sender.forceClose();
                    ioThread.join();
                }
            } else {
                sender.forceClose();
            }
        } catch (InterruptedException e) {
            sender.forceClose();
            throw new InterruptException(e);
        } finally {
            Partitioner custom = partitioner;
            if (custom != null) {
                custom.close();
            }
            if (ownsKeySerializer) {
                keySerializer.close();
            }
            if (ownsValueSerializer) {
                valueSerializer.close();
            }
        }
        log.info("{} Closed", logPrefix);
    }
}
