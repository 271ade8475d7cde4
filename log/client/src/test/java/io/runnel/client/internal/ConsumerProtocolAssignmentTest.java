package io.runnel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding assignments against the bytes Apache Kafka's consumer writes, at every version it writes. */
@Timeout(10)
class ConsumerProtocolAssignmentTest {
    private static final List<org.apache.kafka.common.TopicPartition> KAFKA_PARTITIONS = List.of(
            new org.apache.kafka.common.TopicPartition("orders", 0),
            new org.apache.kafka.common.TopicPartition("orders", 2),
            new org.apache.kafka.common.TopicPartition("payments", 1));

    private static ByteBuffer kafkaBytes(short version, ByteBuffer userData) {
        return ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(KAFKA_PARTITIONS, userData), version);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3})
    void shouldDecodePartitionsWhenKafkaWroteTheVersion(short version) {
        ByteBuffer bytes = kafkaBytes(version, ByteBuffer.wrap("hint".getBytes(StandardCharsets.UTF_8)));

        ConsumerProtocolAssignment assignment = ConsumerProtocolAssignment.decode(bytes);

        assertThat(assignment.partitions())
                .containsExactlyInAnyOrder(
                        new TopicPartition("orders", 0),
                        new TopicPartition("orders", 2),
                        new TopicPartition("payments", 1));
        assertThat(assignment.userData()).isEqualTo(ByteBuffer.wrap("hint".getBytes(StandardCharsets.UTF_8)));
        assertThat(bytes.position()).isZero();
    }

    @Test
    void shouldReadNullUserDataWhenKafkaWroteNone() {
        ByteBuffer bytes = ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(KAFKA_PARTITIONS, null), (short) 3);

        assertThat(ConsumerProtocolAssignment.decode(bytes).userData()).isNull();
    }

    @Test
    void shouldReadANewerVersionAsVersionThreeWhenFieldsFollow() {
        ByteBuffer v3 = kafkaBytes((short) 3, ByteBuffer.allocate(0));
        ByteBuffer newer = ByteBuffer.allocate(v3.remaining() + 4);
        newer.put(v3.duplicate()).putInt(42).flip();
        newer.putShort(0, (short) 7);

        ConsumerProtocolAssignment assignment = ConsumerProtocolAssignment.decode(newer);

        assertThat(assignment.partitions()).hasSize(3);
    }

    @Test
    void shouldDecodeToNoPartitionsWhenTheBytesAreEmpty() {
        assertThat(ConsumerProtocolAssignment.decode(ByteBuffer.allocate(0)).partitions())
                .isEmpty();
    }

    @Test
    void shouldRejectTheBytesWhenTheyAreTruncated() {
        ByteBuffer whole = kafkaBytes((short) 1, ByteBuffer.allocate(0));
        ByteBuffer truncated = whole.duplicate();
        truncated.limit(whole.limit() - 6);

        assertThatThrownBy(() -> ConsumerProtocolAssignment.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectTheBytesWhenTheVersionIsNegative() {
        ByteBuffer bytes = kafkaBytes((short) 0, ByteBuffer.allocate(0));
        bytes.putShort(0, (short) -1);

        assertThatThrownBy(() -> ConsumerProtocolAssignment.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumer protocol assignment has a negative version: -1");
    }
}
