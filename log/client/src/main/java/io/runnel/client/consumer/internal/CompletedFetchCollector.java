package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Deserializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns buffered fetch results into the records one {@code poll} returns, on the application thread: up to {@code
 * max.poll.records}, oldest result first, dropping results whose partition was unassigned, paused or moved by a seek
 * since they were fetched, and advancing each partition's position past what it returns. Not thread-safe: the
 * application thread owns it.
 */
public final class CompletedFetchCollector {
    private final SubscriptionState subscriptions;
    private final FetchBuffer buffer;

    public CompletedFetchCollector(SubscriptionState subscriptions, FetchBuffer buffer) {
        this.subscriptions = subscriptions;
        this.buffer = buffer;
    }

    /** The partition a buffered result belongs to. */
    public TopicPartition partitionOf(CompletedFetch fetch) {
        return fetch.partition;
    }

    /**
     * Collects up to {@code maxRecords} records.
     *
     * @throws SerializationException if the first record to return does not deserialize (if records were collected
     *     before it, they are returned and the next call throws)
     */
    public <K, V> ConsumerRecords<K, V> collect(
            int maxRecords, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> collected = new LinkedHashMap<>();
        int remaining = maxRecords;
        while (remaining > 0) {
            CompletedFetch fetch = buffer.peek();
            if (fetch == null) {
                break;
            }
            long position = fetch.nextOffset();
            if (!subscriptions.isCurrent(fetch.partition, fetch.epoch, position)) {
                buffer.pollFirst();
                continue;
            }
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            try {
                fetch.fetchRecords(remaining, keyDeserializer, valueDeserializer, records);
            } catch (SerializationException e) {
                if (records.isEmpty() && collected.isEmpty()) {
                    subscriptions.advance(fetch.partition, fetch.epoch, fetch.nextOffset());
                    throw e;
                }
                add(collected, fetch, records);
                break;
            }
            add(collected, fetch, records);
            remaining -= records.size();
            if (fetch.isExhausted()) {
                buffer.pollFirst();
                if (fetch.nextOffset() == fetch.fetchOffset && collected.isEmpty()) {
                    // The response held bytes but no whole batch at or after the position: the batch is larger
                    // than max.partition.fetch.bytes and the broker cut it. Fetching again would loop forever.
                    throw new RecordTooLargeException("the record batch at offset " + fetch.fetchOffset + " of "
                            + fetch.partition + " is larger than max.partition.fetch.bytes / fetch.max.bytes allow");
                }
            }
        }
        return collected.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(collected);
    }

    private <K, V> void add(
            Map<TopicPartition, List<ConsumerRecord<K, V>>> collected,
            CompletedFetch fetch,
            List<ConsumerRecord<K, V>> records) {
        subscriptions.advance(fetch.partition, fetch.epoch, fetch.nextOffset());
        if (!records.isEmpty()) {
            collected.computeIfAbsent(fetch.partition, tp -> new ArrayList<>()).addAll(records);
        }
    }
}
