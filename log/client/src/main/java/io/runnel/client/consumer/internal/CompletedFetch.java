package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.header.Header;
import io.runnel.common.header.RecordHeader;
import io.runnel.common.header.RecordHeaders;
import io.runnel.common.serialization.Deserializer;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordCursor;
import io.runnel.records.TimestampType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One partition's records from one fetch response, turned into {@link ConsumerRecord}s on the application thread as
 * {@code poll} asks for them (at most {@code max.poll.records} at a time, so a fetch may span several polls).
 *
 * <p>Batches ending before the fetch offset, records before it (a fetch returns whole batches) and control batches
 * are skipped; with {@code check.crcs} every batch's CRC is checked before it is read. A record whose key or value
 * does not deserialize stays the next one: the {@link SerializationException} is thrown again on every attempt until
 * the application seeks past it. The records are views of the response frame, owned by this object.
 *
 * <p>Not thread-safe: the application thread owns it once the I/O thread has handed it over.
 */
public final class CompletedFetch {
    final TopicPartition partition;
    final int epoch;
    final long fetchOffset;
    private final Iterator<RecordBatch> batches;
    private final boolean checkCrcs;
    private @Nullable RecordBatch batch;
    private @Nullable RecordCursor cursor;
    /** The record parsed but not returned yet (its deserialization failed), or null. */
    private @Nullable RawRecord pending;
    /** The offset after the last record returned or skipped. */
    private long nextOffset;

    private boolean exhausted;

    private record RawRecord(
            long offset,
            long timestamp,
            TimestampType timestampType,
            byte @Nullable [] key,
            byte @Nullable [] value,
            List<io.runnel.records.Header> headers,
            Optional<Integer> leaderEpoch) {}

    public CompletedFetch(
            TopicPartition partition, int epoch, long fetchOffset, MemoryRecords records, boolean checkCrcs) {
        this.partition = partition;
        this.epoch = epoch;
        this.fetchOffset = fetchOffset;
        this.nextOffset = fetchOffset;
        this.batches = records.iterator();
        this.checkCrcs = checkCrcs;
    }

    /** The offset after the last record returned or skipped: the partition's next position. */
    long nextOffset() {
        return nextOffset;
    }

    boolean isExhausted() {
        return exhausted;
    }

    /**
     * Up to {@code max} records, deserialized.
     *
     * @throws SerializationException if a record does not deserialize (records before it are returned first, by
     *     putting them in {@code out} before throwing)
     * @throws io.runnel.common.errors.CorruptRecordException if a batch fails its CRC check
     */
    <K, V> void fetchRecords(
            int max,
            Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer,
            List<ConsumerRecord<K, V>> out) {
        while (out.size() < max) {
            RawRecord raw = pending != null ? pending : nextRaw();
            if (raw == null) {
                exhausted = true;
                return;
            }
            pending = raw;
            out.add(deserialize(raw, keyDeserializer, valueDeserializer));
            pending = null;
            nextOffset = raw.offset + 1;
        }
    }

    private @Nullable RawRecord nextRaw() {
        while (true) {
            RecordCursor current = cursor;
            RecordBatch currentBatch = batch;
            if (current != null && currentBatch != null) {
                while (current.next()) {
                    if (current.offset() < nextOffset) {
                        continue;
                    }
                    return raw(currentBatch, current);
                }
                nextOffset = Math.max(nextOffset, currentBatch.nextOffset());
                cursor = null;
                batch = null;
            }
            if (!batches.hasNext()) {
                return null;
            }
            RecordBatch next = batches.next();
            if (next.lastOffset() < nextOffset) {
                continue;
            }
            if (checkCrcs) {
                next.ensureValid();
            }
            if (next.isControlBatch()) {
                nextOffset = Math.max(nextOffset, next.nextOffset());
                continue;
            }
            batch = next;
            cursor = next.cursor();
        }
    }

    private static RawRecord raw(RecordBatch batch, RecordCursor cursor) {
        TimestampType type = batch.timestampType();
        long timestamp = type == TimestampType.LOG_APPEND_TIME ? batch.maxTimestamp() : cursor.timestamp();
        int leaderEpoch = batch.partitionLeaderEpoch();
        return new RawRecord(
                cursor.offset(),
                timestamp,
                type,
                bytes(cursor.key()),
                bytes(cursor.value()),
                cursor.headers(),
                leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch));
    }

    private static byte @Nullable [] bytes(@Nullable ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private <K, V> ConsumerRecord<K, V> deserialize(
            RawRecord raw, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        RecordHeaders headers = new RecordHeaders(toHeaders(raw.headers));
        headers.setReadOnly();
        K key;
        V value;
        try {
            key = keyDeserializer.deserialize(partition.topic(), headers, raw.key);
            value = valueDeserializer.deserialize(partition.topic(), headers, raw.value);
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Error deserializing key/value for partition " + partition + " at offset " + raw.offset
                            + ". If needed, please seek past the record to continue consumption.",
                    e);
        }
        return new ConsumerRecord<>(
                partition.topic(),
                partition.partition(),
                raw.offset,
                raw.timestamp,
                raw.timestampType,
                raw.key == null ? ConsumerRecord.NULL_SIZE : raw.key.length,
                raw.value == null ? ConsumerRecord.NULL_SIZE : raw.value.length,
                key,
                value,
                headers,
                raw.leaderEpoch);
    }

    // records' Header gives a null value for a header without one; NullAway does not see the record component's
    // type-use annotation across the module boundary.
    @SuppressWarnings("NullAway")
    private static List<Header> toHeaders(List<io.runnel.records.Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Header> converted = new ArrayList<>(headers.size());
        for (io.runnel.records.Header header : headers) {
            converted.add(new RecordHeader(header.key(), header.value()));
        }
        return converted;
    }
}
