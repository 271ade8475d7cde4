package io.runnel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.MetadataResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetadataTest {
    static final NetworkConfig CONFIG = new NetworkConfig(
            List.of(InetSocketAddress.createUnresolved("boot", 9092)),
            "c",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMillis(50),
            Duration.ofMinutes(5),
            -1,
            -1);

    static MetadataResponse response(String topic, UUID id, int partitions, short topicError) {
        List<MetadataResponse.MetadataResponsePartition> list = new java.util.ArrayList<>();
        for (int p = partitions - 1; p >= 0; p--) {
            list.add(new MetadataResponse.MetadataResponsePartition(
                    (short) 0, p, p % 2, 0, List.of(p % 2), List.of(p % 2), List.of()));
        }
        return new MetadataResponse(
                0,
                List.of(
                        new MetadataResponse.MetadataResponseBroker(0, "a", 1, null),
                        new MetadataResponse.MetadataResponseBroker(1, "b", 2, "r1")),
                "cluster",
                1,
                List.of(new MetadataResponse.MetadataResponseTopic(
                        topicError, topic, id, false, topicError == 0 ? list : List.of(), 0)));
    }

    @Test
    void shouldStillNeedAnUpdateWhenATopicWasAddedWhileARequestWasInFlight() {
        Metadata metadata = new Metadata(CONFIG);
        metadata.attempted(0);
        metadata.addTopic("late");

        metadata.update(response("early", UUID.randomUUID(), 1, (short) 0), false, 0);

        assertThat(metadata.timeToNextUpdate(1_000)).isZero();
    }

    @Test
    void shouldNotNeedAnUpdateWhenTheAnswerCoversEverythingAskedFor() {
        Metadata metadata = new Metadata(CONFIG);
        metadata.addTopic("t");
        metadata.attempted(0);

        metadata.update(response("t", UUID.randomUUID(), 1, (short) 0), false, 0);

        assertThat(metadata.timeToNextUpdate(1_000)).isPositive();
    }

    @Test
    void shouldStartFromTheBootstrapAddressesAndNeedAnUpdate() {
        Metadata metadata = new Metadata(CONFIG);

        assertThat(metadata.cluster().nodes()).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(-1);
            assertThat(node.host()).isEqualTo("boot");
        });
        assertThat(metadata.timeToNextUpdate(0)).isZero();
    }

    @Test
    void shouldIndexPartitionsLeadersAndTopicIdsWhenUpdated() {
        Metadata metadata = new Metadata(CONFIG);
        UUID id = UUID.randomUUID();

        metadata.update(response("t", id, 3, (short) 0), false, 1_000);

        Cluster cluster = metadata.cluster();
        assertThat(cluster.partitionsForTopic("t"))
                .extracting(p -> p.partition())
                .containsExactly(0, 1, 2);
        assertThat(cluster.leaderFor(new TopicPartition("t", 1)).host()).isEqualTo("b");
        assertThat(cluster.topicId("t")).isEqualTo(id);
        assertThat(cluster.topicName(id)).isEqualTo("t");
        assertThat(cluster.controller().id()).isEqualTo(1);
        assertThat(metadata.timeToNextUpdate(1_000))
                .isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void shouldKeepOtherTopicsAndRecordTopicErrorsWhenMerging() {
        Metadata metadata = new Metadata(CONFIG);
        metadata.update(response("t", UUID.randomUUID(), 1, (short) 0), false, 0);

        metadata.update(response("missing", new UUID(0, 0), 0, Errors.UNKNOWN_TOPIC_OR_PARTITION.code()), false, 0);

        assertThat(metadata.cluster().partitionsForTopic("t")).hasSize(1);
        assertThat(metadata.cluster().topicError("missing")).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void shouldBackOffBetweenRequestedUpdates() {
        Metadata metadata = new Metadata(CONFIG);
        metadata.update(response("t", UUID.randomUUID(), 1, (short) 0), false, 0);

        metadata.requestUpdate();
        metadata.attempted(1_000);

        assertThat(metadata.timeToNextUpdate(1_050)).isEqualTo(50);
        assertThat(metadata.timeToNextUpdate(1_100)).isZero();
    }

    @Test
    void shouldTimeOutOrFailWaitersWhenNoUpdateComes() {
        Metadata metadata = new Metadata(CONFIG);
        int version = metadata.requestUpdate();

        assertThatThrownBy(() -> metadata.awaitUpdate(version, System.currentTimeMillis() + 20, Time.SYSTEM, "late"))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("late");
        metadata.failedUpdate(0, new UnsupportedVersionException("no Metadata v12"));
        assertThatThrownBy(() -> metadata.awaitUpdate(version, Long.MAX_VALUE, Time.SYSTEM, "late"))
                .isInstanceOf(UnsupportedVersionException.class);
    }
}
