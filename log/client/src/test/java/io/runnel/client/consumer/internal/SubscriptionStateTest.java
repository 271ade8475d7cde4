package io.runnel.client.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.consumer.ConsumerConfig.OffsetReset;
import io.runnel.client.consumer.NoOffsetForPartitionException;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.TimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriptionStateTest {
    static final TopicPartition A = new TopicPartition("t", 0);
    static final TopicPartition B = new TopicPartition("t", 1);

    @Test
    void shouldLookUpNewPartitionsByTheDefaultPolicyAndIgnoreStaleAnswers() {
        SubscriptionState state = new SubscriptionState(OffsetReset.LATEST);
        state.assign(List.of(A));

        List<SubscriptionState.ResetTarget> resets = state.takeResets(0);
        state.seek(A, 5);
        state.resetDone(resets.get(0), 100);

        assertThat(resets).containsExactly(new SubscriptionState.ResetTarget(A, -1L, 0));
        assertThat(state.takeResets(0)).isEmpty();
        assertThat(state.position(A)).isEqualTo(5);
    }

    @Test
    void shouldKeepPositionsOfPartitionsThatStayAssigned() {
        SubscriptionState state = new SubscriptionState(OffsetReset.EARLIEST);
        state.assign(List.of(A));
        state.seek(A, 7);

        state.assign(List.of(A, B));

        assertThat(state.position(A)).isEqualTo(7);
        assertThat(state.position(B)).isEqualTo(-1);
        assertThat(state.fetchTargets())
                .extracting(SubscriptionState.FetchTarget::partition)
                .containsExactly(A);
    }

    @Test
    void shouldNotFetchPausedPartitions() {
        SubscriptionState state = new SubscriptionState(OffsetReset.EARLIEST);
        state.assign(List.of(A, B));
        state.seek(A, 1);
        state.seek(B, 1);

        state.pause(List.of(A));

        assertThat(state.fetchTargets())
                .extracting(SubscriptionState.FetchTarget::partition)
                .containsExactly(B);
        assertThat(state.paused()).containsExactly(A);
    }

    @Test
    void shouldResetAnOutOfRangePositionOrFailWithoutAPolicy() {
        SubscriptionState earliest = new SubscriptionState(OffsetReset.EARLIEST);
        earliest.assign(List.of(A));
        earliest.seek(A, 50);
        SubscriptionState none = new SubscriptionState(OffsetReset.NONE);
        none.assign(List.of(A));
        none.seek(A, 50);

        earliest.outOfRange(A, 1, 50);
        none.outOfRange(A, 1, 50);

        assertThat(earliest.takeResets(0))
                .extracting(SubscriptionState.ResetTarget::timestamp)
                .containsExactly(-2L);
        assertThatThrownBy(none::throwPendingError).isInstanceOf(OffsetOutOfRangeException.class);
        none.throwPendingError();
    }

    @Test
    void shouldRequireAPositionWhenThereIsNoPolicy() {
        SubscriptionState state = new SubscriptionState(OffsetReset.NONE);
        state.assign(List.of(A));

        assertThatThrownBy(state::throwPendingError).isInstanceOf(NoOffsetForPartitionException.class);
        assertThat(state.takeResets(0)).isEmpty();
        assertThatThrownBy(() -> state.awaitPosition(A, 0, Time.SYSTEM, () -> {}))
                .isInstanceOf(NoOffsetForPartitionException.class);
    }

    @Test
    void shouldTimeOutWaitingForAPositionThatDoesNotArrive() {
        SubscriptionState state = new SubscriptionState(OffsetReset.LATEST);
        state.assign(List.of(A));

        assertThatThrownBy(() -> state.awaitPosition(A, System.currentTimeMillis() + 20, Time.SYSTEM, () -> {}))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("t-0");
    }

    @Test
    void shouldRefuseSeeksOnUnassignedPartitions() {
        SubscriptionState state = new SubscriptionState(OffsetReset.LATEST);
        state.assign(List.of(A));

        assertThatThrownBy(() -> state.seek(B, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t-1");
    }
}
