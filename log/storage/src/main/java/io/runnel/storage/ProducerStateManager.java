package io.runnel.storage;

import io.runnel.common.errors.InvalidProducerEpochException;
import io.runnel.common.errors.OutOfOrderSequenceException;
import io.runnel.records.RecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The idempotent producers of one partition, as Kafka's {@code ProducerStateManager}: per producer id, its epoch and
 * the sequence ranges and offsets of its last {@value #BATCHES_KEPT} batches (Kafka's producer keeps at most five in
 * flight). A leader append checks each producer batch against it: a retry of a batch already in the log is a
 * duplicate (answered with the original offsets, not appended again), a gap in the sequence or a new epoch not
 * starting at 0 is {@link OutOfOrderSequenceException}, an older epoch is {@link InvalidProducerEpochException}.
 *
 * <p>The state survives a restart through snapshots ({@link ProducerSnapshots}): the log writes the state to a
 * {@code <offset>.snapshot} file when a segment rolls and when it closes, and on open or truncation loads the newest
 * trusted snapshot and replays only the batch headers after it. So a producer whose batches were all removed by
 * retention or DeleteRecords is still remembered, until it has written nothing for {@code producer.id.expiration.ms}
 * ({@link #removeExpired}); a producer the partition has never seen, or has forgotten, may start at any sequence, as
 * in Kafka.
 *
 * <p>Not thread-safe: the log calls it under its partition lock.
 */
final class ProducerStateManager {
    static final int BATCHES_KEPT = 5;

    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    /**
     * One appended batch of a producer: its sequence range, where it went, and its max timestamp.
     *
     * @param timestamp the batch's max timestamp (the broker's time under {@code LogAppendTime})
     */
    record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {}

    /**
     * One producer's state as a snapshot holds it: its epoch and its last batches, oldest first.
     *
     * @param batches 1 to {@value #BATCHES_KEPT} batches, oldest first
     */
    record Entry(long producerId, short epoch, List<BatchMetadata> batches) {
        Entry {
            batches = List.copyOf(batches);
            if (batches.isEmpty() || batches.size() > BATCHES_KEPT) {
                throw new IllegalArgumentException(
                        "a producer keeps 1 to " + BATCHES_KEPT + " batches: " + batches.size());
            }
        }
    }

    private static final class ProducerEntry {
        short epoch;
        final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>(BATCHES_KEPT);

        ProducerEntry(short epoch) {
            this.epoch = epoch;
        }

        @Nullable
        BatchMetadata duplicateOf(int firstSequence, int lastSequence) {
            for (BatchMetadata batch : batches) {
                if (batch.firstSequence() == firstSequence && batch.lastSequence() == lastSequence) {
                    return batch;
                }
            }
            return null;
        }

        long lastTimestamp() {
            BatchMetadata last = batches.peekLast();
            return last == null ? RecordBatch.NO_TIMESTAMP : last.timestamp();
        }

        int lastSequence() {
            BatchMetadata last = batches.peekLast();
            return last == null ? RecordBatch.NO_SEQUENCE : last.lastSequence();
        }

        void add(BatchMetadata batch) {
            if (batches.size() == BATCHES_KEPT) {
                batches.removeFirst();
            }
            batches.addLast(batch);
        }
    }

    /**
     * Checks the producer batches of a leader append before anything is written.
     *
     * @return the metadata of the first batch that is already in the log (the append must then write nothing and
     *     answer with it), or null if every batch is new
     * @throws OutOfOrderSequenceException if a batch does not continue its producer's sequence
     * @throws InvalidProducerEpochException if a batch carries an epoch older than its producer's
     */
    @Nullable
    BatchMetadata checkAppend(Iterable<RecordBatch> batches) {
        // Earlier batches of this same append, by producer; only built when an append carries more than one batch
        // (Kafka's producers send one per partition per request), so the usual append allocates nothing here.
        @Nullable Map<Long, Pending> pending = null;
        for (Iterator<RecordBatch> it = batches.iterator(); it.hasNext(); ) {
            RecordBatch batch = it.next();
            long producerId = batch.producerId();
            if (producerId == RecordBatch.NO_PRODUCER_ID) {
                continue;
            }
            short epoch = batch.producerEpoch();
            int first = batch.baseSequence();
            int last = batch.lastSequence();
            ProducerEntry entry = producers.get(producerId);
            Pending earlier = pending == null ? null : pending.get(producerId);
            if (entry != null && epoch < entry.epoch) {
                throw new InvalidProducerEpochException("producer " + producerId + " wrote with epoch " + epoch
                        + ", older than its current epoch " + entry.epoch);
            }
            if (earlier == null && entry != null && epoch == entry.epoch) {
                BatchMetadata duplicate = entry.duplicateOf(first, last);
                if (duplicate != null) {
                    return duplicate;
                }
            }
            short currentEpoch = earlier != null ? earlier.epoch() : entry == null ? -1 : entry.epoch;
            int lastSequence = earlier != null
                    ? earlier.lastSequence()
                    : entry == null ? RecordBatch.NO_SEQUENCE : entry.lastSequence();
            checkSequence(producerId, epoch, first, currentEpoch, lastSequence);
            if (it.hasNext()) {
                if (pending == null) {
                    pending = new HashMap<>();
                }
                pending.put(producerId, new Pending(epoch, last));
            }
        }
        return null;
    }

    private record Pending(short epoch, int lastSequence) {}

    private static void checkSequence(long producerId, short epoch, int first, short currentEpoch, int lastSequence) {
        if (epoch != currentEpoch) {
            if (first != 0 && currentEpoch != -1) {
                throw new OutOfOrderSequenceException("producer " + producerId + " starts epoch " + epoch
                        + " at sequence " + first + "; a new epoch starts at 0");
            }
        } else if (lastSequence != RecordBatch.NO_SEQUENCE && first != nextSequence(lastSequence)) {
            throw new OutOfOrderSequenceException("producer " + producerId + " (epoch " + epoch + ") sent sequence "
                    + first + " after " + lastSequence + "; expected " + nextSequence(lastSequence));
        }
    }

    /** Records the producer batches of an append (leader or follower) or of the log when it is loaded. */
    void update(
            long producerId,
            short epoch,
            int firstSequence,
            int lastSequence,
            long firstOffset,
            long lastOffset,
            long timestamp) {
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            return;
        }
        ProducerEntry entry = producers.computeIfAbsent(producerId, id -> new ProducerEntry(epoch));
        if (epoch != entry.epoch) {
            entry.epoch = epoch;
            entry.batches.clear();
        }
        entry.add(new BatchMetadata(firstSequence, lastSequence, firstOffset, lastOffset, timestamp));
    }

    /** Forgets every producer, before a rebuild. */
    void clear() {
        producers.clear();
    }

    /** A copy of the state, by producer id: what a snapshot writes. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(producers.size());
        producers.forEach((id, entry) -> entries.add(new Entry(id, entry.epoch, List.copyOf(entry.batches))));
        entries.sort(Comparator.comparingLong(Entry::producerId));
        return entries;
    }

    /** Replaces the state with {@code entries}, as a snapshot holds them. */
    void load(List<Entry> entries) {
        producers.clear();
        for (Entry loaded : entries) {
            ProducerEntry entry = new ProducerEntry(loaded.epoch());
            entry.batches.addAll(loaded.batches());
            producers.put(loaded.producerId(), entry);
        }
    }

    /**
     * Forgets every producer whose newest batch's timestamp is {@code expirationMs} or more before {@code nowMs}, as
     * Kafka does after {@code producer.id.expiration.ms}; such a producer may then start at any sequence.
     *
     * @return how many producers were forgotten
     */
    int removeExpired(long nowMs, long expirationMs) {
        int before = producers.size();
        producers.values().removeIf(entry -> nowMs - entry.lastTimestamp() >= expirationMs);
        return before - producers.size();
    }

    int producerCount() {
        return producers.size();
    }

    /** The sequence after {@code sequence}: sequences wrap from {@link Integer#MAX_VALUE} to 0, as in Kafka. */
    static int nextSequence(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }

    /** The last sequence of a batch of {@code recordCount} records starting at {@code baseSequence}. */
    static int lastSequence(int baseSequence, int offsetDelta) {
        long last = (long) baseSequence + offsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }
}
