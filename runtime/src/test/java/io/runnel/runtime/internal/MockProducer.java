package io.runnel.runtime.internal;

import io.runnel.client.PartitionInfo;
import io.runnel.client.producer.Callback;
import io.runnel.client.producer.Producer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A producer that keeps what is sent; {@link #flush()} acknowledges the pending records (offsets per partition from
 * 0; a record with no partition goes to partition 0), or fails them all with the error set by {@link #failNext}.
 */
final class MockProducer implements Producer<byte[], byte[]> {
    private record Pending(ProducerRecord<byte[], byte[]> record, @Nullable Callback callback) {}

    final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private @Nullable RuntimeException nextError;
    int flushes;
    boolean closed;

    void failNext(RuntimeException error) {
        nextError = error;
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, @Nullable Callback callback) {
        sent.add(record);
        pending.add(new Pending(record, callback));
        return new CompletableFuture<>();
    }

    @Override
    public void flush() {
        flushes++;
        for (Pending p : pending) {
            Integer partition = p.record().partition();
            TopicPartition tp = new TopicPartition(p.record().topic(), partition == null ? 0 : partition);
            Callback callback = p.callback();
            if (nextError != null) {
                if (callback != null) {
                    callback.onCompletion(null, nextError);
                }
                continue;
            }
            long offset = nextOffsets.merge(tp, 1L, Long::sum) - 1;
            if (callback != null) {
                callback.onCompletion(new RecordMetadata(tp, offset, 0L, 0, 0), null);
            }
        }
        pending.clear();
        nextError = null;
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void close(Duration timeout) {
        closed = true;
    }
}
