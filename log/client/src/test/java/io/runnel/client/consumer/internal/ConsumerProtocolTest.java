package io.runnel.client.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.ShortRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded consumer protocol, byte for byte against kafka-clients' {@code ConsumerProtocol}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerProtocolTest {
    @Provide
    Arbitrary<Subscription> subscriptions() {
        Arbitrary<String> topic =
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        Arbitrary<List<String>> topics = topic.list().ofMaxSize(4);
        Arbitrary<ByteBuffer> userData = Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(8)
                .map(ByteBuffer::wrap)
                .injectNull(0.3);
        Arbitrary<List<TopicPartition>> owned = Combinators.combine(
                        topic, Arbitraries.integers().between(0, 9))
                .as(TopicPartition::new)
                .list()
                .ofMaxSize(6);
        Arbitrary<Integer> generation = Arbitraries.integers().between(-1, 50);
        Arbitrary<Optional<String>> rack =
                Arbitraries.strings().alpha().ofMaxLength(4).injectNull(0.4).map(Optional::ofNullable);
        return Combinators.combine(topics, userData, owned, generation, rack).as(Subscription::new);
    }

    @Provide
    Arbitrary<Assignment> assignments() {
        Arbitrary<String> topic =
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        Arbitrary<List<TopicPartition>> partitions = Combinators.combine(
                        topic, Arbitraries.integers().between(0, 9))
                .as(TopicPartition::new)
                .list()
                .ofMaxSize(6);
        Arbitrary<ByteBuffer> userData = Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(8)
                .map(ByteBuffer::wrap)
                .injectNull(0.3);
        return Combinators.combine(partitions, userData).as(Assignment::new);
    }

    @Property(tries = 300)
    void shouldWriteKafkasSubscriptionBytesWhenSerializingAnyVersion(
            @ForAll("subscriptions") Subscription subscription, @ForAll @ShortRange(min = 0, max = 3) short version) {
        ByteBuffer ours = ConsumerProtocol.serializeSubscription(subscription, version);

        ByteBuffer kafka = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
                toKafka(subscription), version);

        assertThat(bytes(ours)).isEqualTo(bytes(kafka));
    }

    @Property(tries = 300)
    void shouldReadKafkasSubscriptionWhenDeserializingAnyVersion(
            @ForAll("subscriptions") Subscription subscription, @ForAll @ShortRange(min = 0, max = 3) short version) {
        ByteBuffer kafka = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
                toKafka(subscription), version);

        Subscription read = ConsumerProtocol.deserializeSubscription(kafka);

        assertThat(read.topics())
                .isSortedAccordingTo(String::compareTo)
                .containsExactlyInAnyOrderElementsOf(subscription.topics());
        assertThat(read.userData()).isEqualTo(subscription.userData());
        if (version >= 1) {
            assertThat(read.ownedPartitions()).containsExactlyInAnyOrderElementsOf(subscription.ownedPartitions());
        }
        if (version >= 2) {
            assertThat(read.generationId()).isEqualTo(subscription.generationId());
        }
        if (version >= 3) {
            assertThat(read.rackId()).isEqualTo(subscription.rackId());
        }
    }

    @Property(tries = 300)
    void shouldWriteKafkasAssignmentBytesWhenSerializingAnyVersion(
            @ForAll("assignments") Assignment assignment, @ForAll @ShortRange(min = 0, max = 3) short version) {
        ByteBuffer ours = ConsumerProtocol.serializeAssignment(assignment, version);

        ByteBuffer kafka = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeAssignment(
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(
                        toKafka(assignment.partitions()), assignment.userData()),
                version);

        assertThat(bytes(ours)).isEqualTo(bytes(kafka));
    }

    @Property(tries = 300)
    void shouldReadBackWhatKafkaWroteWhenDeserializingAnAssignment(@ForAll("assignments") Assignment assignment) {
        ByteBuffer kafka = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeAssignment(
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(
                        toKafka(assignment.partitions()), assignment.userData()));

        Assignment read = ConsumerProtocol.deserializeAssignment(kafka);

        assertThat(read.partitions()).containsExactlyInAnyOrderElementsOf(assignment.partitions());
        assertThat(read.userData()).isEqualTo(assignment.userData());
    }

    @Test
    void shouldIgnoreTrailingFieldsWhenReadingANewerVersion() {
        ByteBuffer v3 = ConsumerProtocol.serializeSubscription(
                new Subscription(List.of("t"), null, List.of(), 7, Optional.of("rack")));
        ByteBuffer newer = ByteBuffer.allocate(v3.remaining() + 4);
        newer.put(v3.duplicate()).putInt(42).flip();
        newer.putShort(0, (short) 9);

        Subscription read = ConsumerProtocol.deserializeSubscription(newer);

        assertThat(read.topics()).containsExactly("t");
        assertThat(read.generationId()).contains(7);
        assertThat(read.rackId()).contains("rack");
    }

    @Test
    void shouldReadAnEmptyAssignmentWhenTheCoordinatorSentNoBytes() {
        assertThat(ConsumerProtocol.deserializeAssignment(ByteBuffer.allocate(0))
                        .partitions())
                .isEmpty();
    }

    @Test
    void shouldFailWithRunnelExceptionWhenBytesAreTruncated() {
        ByteBuffer truncated = ByteBuffer.wrap("\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConsumerProtocol.deserializeSubscription(truncated))
                .isInstanceOf(RunnelException.class)
                .hasMessageContaining("malformed subscription");
    }

    static org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription toKafka(Subscription s) {
        return new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(
                s.topics(),
                s.userData() == null ? null : s.userData().duplicate(),
                toKafka(s.ownedPartitions()),
                s.generationId().orElse(-1),
                s.rackId());
    }

    static List<org.apache.kafka.common.TopicPartition> toKafka(List<TopicPartition> partitions) {
        List<org.apache.kafka.common.TopicPartition> kafka = new ArrayList<>();
        partitions.forEach(tp -> kafka.add(new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition())));
        return kafka;
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
