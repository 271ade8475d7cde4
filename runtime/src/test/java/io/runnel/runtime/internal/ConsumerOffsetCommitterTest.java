package io.runnel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsumerOffsetCommitterTest {
    private static final TopicPartition A = new TopicPartition("in", 0);
    private static final TopicPartition B = new TopicPartition("in", 1);

    @Test
    void shouldCommitThroughTheConsumerWhenOffsetsAreGiven() {
        MockConsumer consumer = new MockConsumer();
        ConsumerOffsetCommitter committer = new ConsumerOffsetCommitter(consumer, Duration.ofSeconds(5));

        committer.commit(Map.of(A, 7L));

        assertThat(consumer.committed(Set.of(A))).containsEntry(A, new OffsetAndMetadata(7L));
    }

    @Test
    void shouldLeaveOutPartitionsWithoutCommitsWhenReadingCommittedOffsets() {
        MockConsumer consumer = new MockConsumer();
        consumer.commitSync(Map.of(A, new OffsetAndMetadata(3L)));
        ConsumerOffsetCommitter committer = new ConsumerOffsetCommitter(consumer, Duration.ofSeconds(5));

        Map<TopicPartition, Long> committed = committer.committed(Set.of(A, B));

        assertThat(committed).containsExactly(Map.entry(A, 3L));
    }
}
