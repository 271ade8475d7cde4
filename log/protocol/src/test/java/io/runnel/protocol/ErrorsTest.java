package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.ProtocolErrorException;
import io.runnel.protocol.errors.RetriableProtocolErrorException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ErrorsTest {
    @Test
    void shouldListEveryKafkaErrorWithItsCodeAndRetriabilityWhenComparedToKafka() {
        var kafka = Arrays.stream(org.apache.kafka.common.protocol.Errors.values())
                .collect(Collectors.toMap(
                        Enum::name,
                        e -> e.code() + "/"
                                + (e.exception() instanceof org.apache.kafka.common.errors.RetriableException)));

        var ours = Arrays.stream(Errors.values())
                .collect(Collectors.toMap(Enum::name, e -> e.code() + "/" + e.retriable()));

        assertThat(ours).isEqualTo(kafka);
    }

    @Test
    void shouldMapBackToTheSameCodeWhenExceptionIsRaisedForEveryError() {
        for (Errors error : Errors.values()) {
            RunnelException exception = error.exception(null);

            if (error == Errors.NONE) {
                assertThat(exception).isNull();
            } else {
                assertThat(Errors.forException(exception)).as("%s", error).isEqualTo(error);
                assertThat(exception instanceof RetriableException)
                        .as("%s", error)
                        .isEqualTo(error.retriable());
            }
        }
    }

    @Test
    void shouldUseDedicatedTypeWhenOneExists() {
        assertThat(Errors.CORRUPT_MESSAGE.exception("bad crc")).isInstanceOf(CorruptRecordException.class);
        assertThat(Errors.NOT_LEADER_OR_FOLLOWER.exception(null)).isInstanceOf(RetriableProtocolErrorException.class);
        assertThat(Errors.TOPIC_ALREADY_EXISTS.exception(null))
                .isInstanceOf(io.runnel.common.errors.TopicExistsException.class);
        assertThat(Errors.UNKNOWN_TOPIC_OR_PARTITION.exception(null))
                .isInstanceOf(io.runnel.common.errors.UnknownTopicOrPartitionException.class);
        assertThat(Errors.NOT_COORDINATOR.exception(null))
                .isInstanceOf(io.runnel.common.errors.NotCoordinatorException.class)
                .isInstanceOf(io.runnel.common.errors.RetriableException.class);
        assertThat(Errors.GROUP_ID_NOT_FOUND.exception(null))
                .isInstanceOf(io.runnel.common.errors.GroupIdNotFoundException.class);
        assertThat(Errors.NON_EMPTY_GROUP.exception(null))
                .isInstanceOf(io.runnel.common.errors.GroupNotEmptyException.class);
        assertThat(Errors.INVALID_TXN_STATE.exception(null)).isInstanceOf(ProtocolErrorException.class);
        assertThat(Errors.REBALANCE_IN_PROGRESS.exception(null))
                .isInstanceOf(io.runnel.common.errors.RebalanceInProgressException.class);
        assertThat(Errors.FENCED_INSTANCE_ID.exception(null))
                .isInstanceOf(io.runnel.common.errors.FencedInstanceIdException.class);
    }

    @Test
    void shouldReturnUnknownServerErrorWhenCodeIsUnknown() {
        assertThat(Errors.forCode((short) 30_000)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) 6)).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void shouldReturnUnknownServerErrorWhenExceptionIsNotARunnelError() {
        assertThat(Errors.forException(new IllegalStateException("bug"))).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
    }
}
