package io.runnel.bench.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offset commits of one group member: {@code commitSync} of explicit offsets in a tight loop, each commit one offset
 * further on, for a fixed time after an unmeasured warm-up. Every commit is a full OffsetCommit round trip whose
 * answer waits for the broker's write to {@code __consumer_offsets}. Not thread-safe: the caller's thread owns the
 * consumer.
 */
final class CommitThroughput {
    /**
     * What one measured loop did.
     *
     * @param perSecond commits per second
     * @param p50Us median latency of a commit, µs
     * @param p99Us 99th percentile, µs
     */
    record Result(double perSecond, double p50Us, double p99Us) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private long nextOffset;

    /**
     * @param consumer a member of its group that already holds its assignment
     */
    CommitThroughput(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Commits the first {@code partitions} partitions of the member's assignment for {@code warmUp}, then measures. */
    Result run(int partitions, Duration warmUp, Duration measured) {
        List<TopicPartition> assigned = new ArrayList<>(consumer.assignment());
        assigned.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        if (assigned.size() < partitions) {
            throw new IllegalStateException("the member holds " + assigned.size() + " partitions, not " + partitions);
        }
        List<TopicPartition> committed = assigned.subList(0, partitions);
        loop(committed, warmUp);
        return loop(committed, measured);
    }

    private Result loop(List<TopicPartition> partitions, Duration duration) {
        long[] latencies = new long[1024];
        int count = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        while (now < end) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            OffsetAndMetadata offset = new OffsetAndMetadata(nextOffset++);
            for (TopicPartition p : partitions) {
                offsets.put(p, offset);
            }
            long before = System.nanoTime();
            consumer.commitSync(offsets);
            now = System.nanoTime();
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = now - before;
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double seconds = (now - start) / 1e9;
        return new Result(count / seconds, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
