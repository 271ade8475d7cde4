package io.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.InvalidProducerEpochException;
import io.runnel.common.errors.OutOfOrderSequenceException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent producers on a leader log: a retried batch is answered with its original offsets and not written again
 * (also after a restart), a gap or a new epoch not starting at 0 is refused, an older epoch is fenced, and nothing is
 * written by a refused append.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProducerStateTest {
    private static final long PID = 4000L;

    @TempDir
    Path root;

    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(root);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fixture.close();
    }

    ByteBuffer batch(long producerId, short epoch, int baseSequence, int records) {
        return TestBatches.producerBatch(producerId, epoch, baseSequence, records, fixture.time.milliseconds());
    }

    @Test
    void shouldAnswerARetriedBatchWithItsOriginalOffsetsWithoutWritingIt() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 0, 0, 3), 0);
            LogAppendInfo second = log.appendAsLeader(batch(PID, (short) 0, 3, 2), 0);

            LogAppendInfo retried = log.appendAsLeader(batch(PID, (short) 0, 3, 2), 0);

            assertThat(retried.firstOffset()).isEqualTo(second.firstOffset()).isEqualTo(3);
            assertThat(retried.lastOffset()).isEqualTo(4);
            assertThat(retried.recordCount()).isZero();
            assertThat(log.logEndOffset()).isEqualTo(5);
            assertThat(TestBatches.readAll(log, 0)).hasSize(5);
        }
    }

    @Test
    void shouldStillRecogniseARetryAfterTheLogIsReopened() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 2, 0, 4), 0);
        }
        try (Log reopened = fixture.open(Map.of())) {
            LogAppendInfo retried = reopened.appendAsLeader(batch(PID, (short) 2, 0, 4), 0);

            assertThat(retried.firstOffset()).isZero();
            assertThat(retried.lastOffset()).isEqualTo(3);
            assertThat(reopened.logEndOffset()).isEqualTo(4);
            assertThat(reopened.appendAsLeader(batch(PID, (short) 2, 4, 1), 0).firstOffset())
                    .isEqualTo(4);
        }
    }

    @Test
    void shouldRefuseAGapInTheSequenceAndWriteNothing() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 0, 0, 3), 0);

            assertThatThrownBy(() -> log.appendAsLeader(batch(PID, (short) 0, 5, 1), 0))
                    .isInstanceOf(OutOfOrderSequenceException.class)
                    .hasMessageContaining("expected 3");
            assertThat(log.logEndOffset()).isEqualTo(3);
        }
    }

    @Test
    void shouldFenceAnOlderEpochAndRequireANewEpochToStartAtZero() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 1, 0, 2), 0);

            assertThatThrownBy(() -> log.appendAsLeader(batch(PID, (short) 0, 2, 1), 0))
                    .isInstanceOf(InvalidProducerEpochException.class);
            assertThatThrownBy(() -> log.appendAsLeader(batch(PID, (short) 2, 7, 1), 0))
                    .isInstanceOf(OutOfOrderSequenceException.class)
                    .hasMessageContaining("starts at 0");
            assertThat(log.appendAsLeader(batch(PID, (short) 2, 0, 1), 0).firstOffset())
                    .isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(3);
        }
    }

    @Test
    void shouldAcceptAnySequenceFromAProducerTheLogHasNotSeenAndKeepProducersApart() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 0, 42, 1), 0);
            log.appendAsLeader(batch(PID + 1, (short) 0, 0, 1), 0);
            log.appendAsLeader(batch(PID, (short) 0, 43, 1), 0);
            log.appendAsLeader(batch(-1L, (short) -1, -1, 2), 0); // not idempotent: never checked

            assertThat(log.logEndOffset()).isEqualTo(5);
        }
    }

    @Test
    void shouldCheckEachBatchAgainstTheOnesBeforeItInTheSameAppend() {
        try (Log log = fixture.open(Map.of())) {
            ByteBuffer inOrder = concat(batch(PID, (short) 0, 0, 2), batch(PID, (short) 0, 2, 3));
            assertThat(log.appendAsLeader(inOrder, 0).lastOffset()).isEqualTo(4);

            ByteBuffer withGap = concat(batch(PID, (short) 0, 5, 1), batch(PID, (short) 0, 9, 1));
            assertThatThrownBy(() -> log.appendAsLeader(withGap, 0)).isInstanceOf(OutOfOrderSequenceException.class);
            assertThat(log.logEndOffset()).isEqualTo(5);
        }
    }

    static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
    }

    @Test
    void shouldForgetTruncatedBatches() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(PID, (short) 0, 0, 2), 0);
            log.appendAsLeader(batch(PID, (short) 0, 2, 2), 0);

            log.truncateTo(2);

            // the batch at sequence 2 is gone, so sending it again appends it anew
            LogAppendInfo again = log.appendAsLeader(batch(PID, (short) 0, 2, 2), 0);
            assertThat(again.recordCount()).isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(4);
        }
    }

    @Test
    void shouldWrapSequencesPastIntegerMaxValue() {
        assertThat(ProducerStateManager.nextSequence(Integer.MAX_VALUE)).isZero();
        assertThat(ProducerStateManager.lastSequence(Integer.MAX_VALUE - 1, 3)).isEqualTo(1);
        assertThat(ProducerStateManager.lastSequence(5, 3)).isEqualTo(8);
    }
}
