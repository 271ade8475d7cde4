package io.runnel.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.TopicPartition;
import io.runnel.protocol.errors.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.coordinator.group.generated.GroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.GroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code __consumer_offsets} records against Apache Kafka's own classes (kafka-group-coordinator 4.4): what Runnel
 * writes is byte for byte what Kafka writes, and every version Kafka can write, Runnel reads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupRecordsTest {
    private static final byte[] SUBSCRIPTION = {0, 1, 2, 3};
    private static final byte[] ASSIGNMENT = {9, 8};

    @Test
    void shouldWriteOffsetKeysAsKafkaDoes() {
        ByteBuffer kafka = MessageUtil.toCoordinatorTypePrefixedByteBuffer(
                new OffsetCommitKey().setGroup("group-é").setTopic("orders").setPartition(7));

        ByteBuffer ours = GroupRecords.offsetKey("group-é", new TopicPartition("orders", 7));

        assertThat(ours).isEqualTo(kafka);
        assertThat(GroupRecords.readKey(kafka))
                .isEqualTo(new GroupRecords.OffsetKey("group-é", new TopicPartition("orders", 7)));
    }

    @Test
    void shouldWriteGroupKeysAsKafkaDoes() {
        ByteBuffer kafka = MessageUtil.toCoordinatorTypePrefixedByteBuffer(new GroupMetadataKey().setGroup("g"));

        assertThat(GroupRecords.groupKey("g")).isEqualTo(kafka);
        assertThat(GroupRecords.readKey(kafka)).isEqualTo(new GroupRecords.GroupKey("g"));
    }

    @Test
    void shouldIgnoreKeysOfKafkasNewerGroupProtocols() {
        ByteBuffer consumerGroupKey = ByteBuffer.wrap(new byte[] {0, 3, 0, 1, 'g'});

        assertThat(GroupRecords.readKey(consumerGroupKey)).isNull();
    }

    @Test
    void shouldWriteOffsetValuesAsKafkasVersionThree() {
        ByteBuffer kafka = MessageUtil.toVersionPrefixedByteBuffer(
                (short) 3,
                new OffsetCommitValue()
                        .setOffset(42)
                        .setLeaderEpoch(5)
                        .setMetadata("meta")
                        .setCommitTimestamp(1_700_000_000_000L));

        ByteBuffer ours = GroupRecords.offsetValue(new GroupRecords.OffsetValue(42, 5, "meta", 1_700_000_000_000L));

        assertThat(ours).isEqualTo(kafka);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void shouldReadEveryOffsetValueVersionKafkaWrites(short version) {
        OffsetCommitValue value =
                new OffsetCommitValue().setOffset(42).setMetadata("meta").setCommitTimestamp(1_700_000_000_000L);
        if (version >= 3) {
            value.setLeaderEpoch(5);
        }
        if (version == 1) {
            value.setExpireTimestamp(1_800_000_000_000L);
        }

        GroupRecords.OffsetValue read =
                GroupRecords.readOffsetValue(MessageUtil.toVersionPrefixedByteBuffer(version, value));

        assertThat(read).isEqualTo(new GroupRecords.OffsetValue(42, version >= 3 ? 5 : -1, "meta", 1_700_000_000_000L));
    }

    @Test
    void shouldWriteGroupValuesAsKafkasVersionThree() {
        ByteBuffer ours = GroupRecords.groupValue(ourGroup());

        assertThat(ours).isEqualTo(MessageUtil.toVersionPrefixedByteBuffer((short) 3, kafkaGroup()));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void shouldReadEveryGroupValueVersionKafkaWrites(short version) {
        GroupRecords.GroupValue read =
                GroupRecords.readGroupValue(MessageUtil.toVersionPrefixedByteBuffer(version, kafkaGroup()));

        assertThat(read.protocolType()).isEqualTo("consumer");
        assertThat(read.generation()).isEqualTo(4);
        assertThat(read.protocol()).isEqualTo("range");
        assertThat(read.leader()).isEqualTo("m-1");
        assertThat(read.currentStateTimestamp()).isEqualTo(version >= 2 ? 123L : -1L);
        assertThat(read.members()).hasSize(1);
        GroupRecords.MemberValue member = read.members().get(0);
        assertThat(member.memberId()).isEqualTo("m-1");
        assertThat(member.groupInstanceId()).isEqualTo(version >= 3 ? "instance" : null);
        assertThat(member.clientHost()).isEqualTo("/10.0.0.1");
        assertThat(member.sessionTimeoutMs()).isEqualTo(45_000);
        assertThat(member.rebalanceTimeoutMs()).isEqualTo(version >= 1 ? 300_000 : 45_000);
        assertThat(member.subscription()).isEqualTo(ByteBuffer.wrap(SUBSCRIPTION));
        assertThat(member.assignment()).isEqualTo(ByteBuffer.wrap(ASSIGNMENT));
    }

    @Test
    void shouldRefuseAValueOfAnUnknownVersion() {
        ByteBuffer future = ByteBuffer.wrap(new byte[] {0, 9, 0, 0, 0, 0, 0, 0, 0, 1});

        assertThatThrownBy(() -> GroupRecords.readOffsetValue(future))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> GroupRecords.readGroupValue(future)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void shouldRefuseATruncatedValue() {
        ByteBuffer whole = GroupRecords.groupValue(ourGroup());
        ByteBuffer truncated = whole.duplicate().limit(whole.limit() - 1);

        assertThatThrownBy(() -> GroupRecords.readGroupValue(truncated)).isInstanceOf(InvalidRequestException.class);
    }

    private static GroupRecords.GroupValue ourGroup() {
        return new GroupRecords.GroupValue(
                "consumer",
                4,
                "range",
                "m-1",
                123L,
                List.of(new GroupRecords.MemberValue(
                        "m-1",
                        "instance",
                        "client",
                        "/10.0.0.1",
                        300_000,
                        45_000,
                        ByteBuffer.wrap(SUBSCRIPTION),
                        ByteBuffer.wrap(ASSIGNMENT))));
    }

    private static GroupMetadataValue kafkaGroup() {
        return new GroupMetadataValue()
                .setProtocolType("consumer")
                .setGeneration(4)
                .setProtocol("range")
                .setLeader("m-1")
                .setCurrentStateTimestamp(123L)
                .setMembers(List.of(new GroupMetadataValue.MemberMetadata()
                        .setMemberId("m-1")
                        .setGroupInstanceId("instance")
                        .setClientId("client")
                        .setClientHost("/10.0.0.1")
                        .setRebalanceTimeout(300_000)
                        .setSessionTimeout(45_000)
                        .setSubscription(SUBSCRIPTION)
                        .setAssignment(ASSIGNMENT)));
    }
}
