package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code __consumer_offsets} under a commit-heavy load: the log cleaner compacts it down to the latest commit per
 * partition, so its size stays bounded however often a group commits, and the latest commits survive compaction and a
 * restart.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OffsetsTopicCompactionIT {
    private static final int COMMITS = 4000;
    private static final String METADATA = "m".repeat(200);

    @Test
    void shouldStayBoundedAndKeepTheLatestCommitsWhenAGroupCommitsThousandsOfTimes(@TempDir Path dir) throws Exception {
        Map<String, String> configs = Map.of(
                "offsets.topic.num.partitions", "1",
                "offsets.topic.segment.bytes", Integer.toString(64 * 1024),
                "log.cleaner.backoff.ms", "100",
                "log.cleaner.dedupe.buffer.size", Integer.toString(1024 * 1024),
                "group.initial.rebalance.delay.ms", "0");
        List<TopicPartition> partitions = List.of(tp(0), tp(1), tp(2), tp(3));
        try (TestCluster cluster = TestCluster.Kind.RUNNEL.start(dir, configs, 0)) {
            try (KafkaConsumer<String, String> committer = consumer(cluster)) {
                for (int i = 1; i <= COMMITS; i++) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    for (TopicPartition tp : partitions) {
                        offsets.put(tp, new OffsetAndMetadata(i, METADATA));
                    }
                    committer.commitSync(offsets);
                }
            }
            Path log = cluster.partitionDir("__consumer_offsets", 0);
            long written = (long) COMMITS * partitions.size() * METADATA.length();

            Awaitility.await("__consumer_offsets compacted")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> logBytes(log) < 256 * 1024);

            assertThat(written).isGreaterThan(3_000_000L);
            cluster.restart();
            try (KafkaConsumer<String, String> reader = consumer(cluster)) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        reader.committed(Set.copyOf(partitions), Duration.ofSeconds(30));
                assertThat(committed).hasSize(partitions.size());
                committed.values().forEach(offset -> {
                    assertThat(offset.offset()).isEqualTo(COMMITS);
                    assertThat(offset.metadata()).isEqualTo(METADATA);
                });
            }
        }
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition("compacted-commits", partition);
    }

    private static KafkaConsumer<String, String> consumer(TestCluster cluster) {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("group.id", "busy-committer");
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static long logBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
