package io.runnel.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.NotEnoughReplicasException;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManager;
import io.runnel.storage.LogManagerConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartitionManagerTest {
    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    final Time time = new Time() {
        @Override
        public long milliseconds() {
            return now.get();
        }

        @Override
        public long nanoseconds() {
            return now.get() * 1_000_000L;
        }
    };

    LogManager logs;
    PartitionManager partitions;

    @BeforeEach
    void setUp() {
        logs = LogManager.start(LogManagerConfig.forDirs(List.of(dir), LogConfig.defaults()), time);
        partitions = new PartitionManager(1, logs, time, false);
        TreeMap<Integer, List<Integer>> replicas = new TreeMap<>(Map.of(0, List.of(1), 1, List.of(1), 2, List.of(2)));
        partitions.topicChanged(
                new TopicMetadata("events", UUID.randomUUID(), replicas, Map.of("retention.ms", "1000")));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        partitions.close();
        logs.close();
    }

    static ByteBuffer batch(int records, int valueSize) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1024);
        builder.reset(0);
        for (int i = 0; i < records; i++) {
            builder.append(1_700_000_000_000L, null, new byte[valueSize]);
        }
        ByteBuffer built = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(built.remaining());
        return copy.put(built).flip();
    }

    @Test
    void shouldHostOnlyThePartitionsAssignedHereWithTheTopicsConfig() {
        assertThat(logs.log(P0)).isPresent();
        assertThat(logs.log(P1)).isPresent();
        assertThat(logs.log(new TopicPartition("events", 2))).isEmpty();
        assertThat(logs.log(P0).orElseThrow().config().retention()).hasMillis(1000);
    }

    @Test
    void shouldRefuseAcksAllWritesWhenFewerReplicasAreInSyncThanTheTopicRequires() {
        TopicPartition strict = new TopicPartition("strict", 0);
        partitions.topicChanged(new TopicMetadata(
                "strict", UUID.randomUUID(), new TreeMap<>(Map.of(0, List.of(1))), Map.of("min.insync.replicas", "2")));

        assertThatThrownBy(() -> partitions.append(strict, batch(3, 10), 0, (short) -1))
                .isInstanceOf(NotEnoughReplicasException.class)
                .hasMessageContaining("min.insync.replicas=2");
        assertThat(logs.log(strict).orElseThrow().logEndOffset()).isZero();

        partitions.append(strict, batch(3, 10), 0, (short) 1); // acks=1 does not wait for followers
        assertThat(logs.log(strict).orElseThrow().logEndOffset()).isEqualTo(3);
        partitions.append(P0, batch(3, 10), 0, (short) -1); // the default, 1, is met by the leader alone
        assertThat(logs.log(P0).orElseThrow().logEndOffset()).isEqualTo(3);
    }

    @Test
    void shouldAnswerAtOnceWhenMinBytesAreAvailable() {
        partitions.append(P0, batch(10, 100), 0, (short) 1);
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();

        partitions.fetch(
                new FetchSpec(List.of(new FetchPartition(P0, 0, 1 << 20)), 500, 1, 1 << 20, false), answer::set);

        assertThat(answer.get()).singleElement().satisfies(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.sizeInBytes()).isPositive();
            assertThat(r.highWatermark()).isEqualTo(10);
        });
    }

    @Test
    void shouldWaitForDataAndAnswerWhenItArrives() {
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();
        partitions.fetch(
                new FetchSpec(List.of(new FetchPartition(P0, 0, 1 << 20)), 500, 1500, 1 << 20, false), answer::set);
        assertThat(answer.get()).isNull();
        assertThat(partitions.waitingFetches(P0)).isEqualTo(1);

        partitions.append(P0, batch(2, 100), 0, (short) 1);
        assertThat(answer.get()).as("not enough bytes yet").isNull();
        partitions.append(P0, batch(20, 100), 0, (short) 1);

        assertThat(answer.get()).singleElement().satisfies(r -> assertThat(r.sizeInBytes())
                .isGreaterThan(1500));
        assertThat(partitions.waitingFetches(P0)).isZero();
    }

    @Test
    void shouldAnswerAtOnceOnlyWhenTheBytesAcrossPartitionsReachMinBytesExactly() {
        ByteBuffer one = batch(3, 50);
        int size = one.remaining();
        partitions.append(P0, one, 0, (short) 1);
        partitions.append(P1, batch(3, 50), 0, (short) 1);
        List<FetchPartition> both = List.of(new FetchPartition(P0, 0, 1 << 20), new FetchPartition(P1, 0, 1 << 20));
        AtomicReference<List<FetchResult>> exact = new AtomicReference<>();
        AtomicReference<List<FetchResult>> oneByteMore = new AtomicReference<>();

        partitions.fetch(new FetchSpec(both, 500, 2 * size, 1 << 20, false), exact::set);
        partitions.fetch(new FetchSpec(both, 500, 2 * size + 1, 1 << 20, false), oneByteMore::set);

        assertThat(exact.get()).hasSize(2).allSatisfy(r -> assertThat(r.sizeInBytes())
                .isEqualTo(size));
        assertThat(oneByteMore.get()).as("one byte short of min.bytes").isNull();
        assertThat(partitions.waitingFetches(P0)).isEqualTo(1);
        partitions.append(P1, batch(1, 1), 0, (short) 1);
        assertThat(oneByteMore.get()).hasSize(2);
    }

    @Test
    void shouldAnswerWithWhatThereIsWhenMaxWaitPasses() {
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();
        partitions.fetch(
                new FetchSpec(List.of(new FetchPartition(P0, 0, 1 << 20)), 500, 1 << 20, 1 << 20, false), answer::set);
        partitions.append(P0, batch(1, 10), 0, (short) 1);

        now.addAndGet(499);
        partitions.expireFetches();
        assertThat(answer.get()).isNull();
        now.addAndGet(10);
        partitions.expireFetches();

        assertThat(answer.get()).singleElement().satisfies(r -> assertThat(r.sizeInBytes())
                .isPositive());
    }

    @Test
    void shouldReportPartitionErrorsWithoutHoldingOthers() {
        partitions.append(P1, batch(3, 10), 0, (short) 1);
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();

        partitions.fetch(
                new FetchSpec(
                        List.of(
                                new FetchPartition(new TopicPartition("missing", 0), 0, 1000),
                                new FetchPartition(P0, 7, 1000),
                                new FetchPartition(P1, 0, 1000)),
                        500,
                        1,
                        1 << 20,
                        false),
                answer::set);

        assertThat(answer.get()).hasSize(3);
        assertThat(answer.get().get(0).error()).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(answer.get().get(1).error()).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(answer.get().get(2).sizeInBytes()).isPositive();
    }

    @Test
    void shouldCapTheResponseAtMaxBytesButAlwaysReturnTheFirstBatch() {
        partitions.append(P0, batch(50, 100), 0, (short) 1);
        partitions.append(P1, batch(50, 100), 0, (short) 1);
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();

        partitions.fetch(
                new FetchSpec(
                        List.of(new FetchPartition(P0, 0, 1 << 20), new FetchPartition(P1, 0, 1 << 20)),
                        0,
                        1,
                        100,
                        false),
                answer::set);

        assertThat(answer.get().get(0).sizeInBytes()).isGreaterThan(100);
        assertThat(answer.get().get(1).sizeInBytes()).isZero();
    }

    @Test
    void shouldAnswerWaitingFetchesWhenTheTopicIsDeleted() {
        AtomicReference<List<FetchResult>> answer = new AtomicReference<>();
        partitions.fetch(
                new FetchSpec(List.of(new FetchPartition(P0, 0, 1000)), 500, 1000, 1 << 20, false), answer::set);

        partitions.topicDeleted("events");

        assertThat(logs.log(P0)).isEmpty();
        assertThat(answer.get()).singleElement().satisfies(r -> assertThat(r.error())
                .isInstanceOf(UnknownTopicOrPartitionException.class));
    }

    @Test
    void shouldDeleteRecordsUpToTheHighWatermarkWhenOffsetIsMinusOne() {
        partitions.append(P0, batch(5, 10), 0, (short) 1);

        assertThat(partitions.deleteRecords(P0, -1)).isEqualTo(5);
        assertThat(partitions
                        .listOffset(P0, io.runnel.storage.Log.EARLIEST_TIMESTAMP)
                        .orElseThrow()
                        .offset())
                .isEqualTo(5);
    }
}
