package io.runnel.client.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.client.consumer.ConsumerConfig.OffsetReset;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.MockClient;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.FetchRequest;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.message.ListOffsetsRequest;
import io.runnel.protocol.message.ListOffsetsResponse;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.records.CompressionType;
import io.runnel.records.MemoryRecords;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumer's I/O loop stepped with {@code runOnce} over a scripted network. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerFetcherTest {
    static final TopicPartition TP = new TopicPartition("t", 0);
    static final UUID TOPIC_ID = UUID.randomUUID();
    static final NetworkConfig NETWORK = new NetworkConfig(
            List.of(InetSocketAddress.createUnresolved("h", 9092)),
            "test",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMillis(50),
            Duration.ofMinutes(5),
            -1,
            -1);
    static final MetadataResponse METADATA = new MetadataResponse(
            0,
            List.of(new MetadataResponse.MetadataResponseBroker(1, "h", 9092, null)),
            "c",
            1,
            List.of(new MetadataResponse.MetadataResponseTopic(
                    (short) 0,
                    "t",
                    TOPIC_ID,
                    false,
                    List.of(new MetadataResponse.MetadataResponsePartition(
                            (short) 0, 0, 1, 0, List.of(1), List.of(1), List.of())),
                    0)));

    final MockClient client = new MockClient();
    final Metadata metadata = new Metadata(NETWORK);
    final SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST);
    final FetchBuffer buffer = new FetchBuffer();
    final CompletedFetchCollector collector = new CompletedFetchCollector(subscriptions, buffer);
    final ConsumerFetcher fetcher = new ConsumerFetcher(
            new ConsumerFetcher.Settings(1, 500, 1 << 20, 1 << 20, (byte) 0, true, 30_000, 100),
            subscriptions,
            buffer,
            metadata,
            client,
            new MetadataUpdater(metadata, client, NETWORK, Time.SYSTEM, true, ""),
            Time.SYSTEM,
            "");

    ConsumerFetcherTest() {
        metadata.update(METADATA, false, System.currentTimeMillis());
        client.autoRespond(ApiKey.METADATA, request -> METADATA);
        subscriptions.assign(List.of(TP));
    }

    static ListOffsetsResponse offset(long offset) {
        return new ListOffsetsResponse(
                0,
                List.of(new ListOffsetsResponse.ListOffsetsTopicResponse(
                        "t",
                        List.of(new ListOffsetsResponse.ListOffsetsPartitionResponse(0, (short) 0, -1, offset, 0)))));
    }

    static FetchResponse fetched(Errors error, MemoryRecords records) {
        return new FetchResponse(
                0,
                (short) 0,
                0,
                List.of(new FetchResponse.FetchableTopicResponse(
                        TOPIC_ID,
                        List.of(new FetchResponse.PartitionData(
                                0,
                                error.code(),
                                10,
                                10,
                                0,
                                new FetchResponse.EpochEndOffset(-1, -1L),
                                new FetchResponse.LeaderIdAndEpoch(-1, -1),
                                new FetchResponse.SnapshotId(-1L, -1),
                                null,
                                -1,
                                records)))),
                List.of());
    }

    /** Two passes: the first delivers answers given since the last step (at its end), the second acts on them. */
    MockClient.Sent step(ApiKey expected) {
        fetcher.runOnce(System.currentTimeMillis());
        fetcher.runOnce(System.currentTimeMillis());
        MockClient.Sent sent = client.next();
        assertThat(sent.apiKey()).isEqualTo(expected);
        return sent;
    }

    @Test
    void shouldLookUpThePositionThenFetchFromItByTopicId() {
        MockClient.Sent lookup = step(ApiKey.LIST_OFFSETS);
        client.respond(lookup, offset(0));

        MockClient.Sent fetch = step(ApiKey.FETCH);

        assertThat(((ListOffsetsRequest) lookup.body())
                        .topics()
                        .get(0)
                        .partitions()
                        .get(0)
                        .timestamp())
                .isEqualTo(-2L);
        FetchRequest request = (FetchRequest) fetch.body();
        assertThat(request.topics().get(0).topicId()).isEqualTo(TOPIC_ID);
        assertThat(request.topics().get(0).partitions().get(0).fetchOffset()).isZero();
        assertThat(request.sessionEpoch()).isEqualTo(-1);
    }

    @Test
    void shouldFetchAgainOnlyOnceTheApplicationHasTakenTheData() {
        client.respond(step(ApiKey.LIST_OFFSETS), offset(0));
        client.respond(step(ApiKey.FETCH), fetched(Errors.NONE, CompletedFetchTest.twoBatches(CompressionType.NONE)));

        fetcher.runOnce(System.currentTimeMillis());
        fetcher.runOnce(System.currentTimeMillis());
        int inFlightWhileBuffered = client.inFlight();
        ConsumerRecords<String, String> records =
                collector.collect(100, new StringDeserializer(), new StringDeserializer());
        MockClient.Sent next = step(ApiKey.FETCH);

        assertThat(inFlightWhileBuffered).isZero();
        assertThat(records.count()).isEqualTo(10);
        assertThat(((FetchRequest) next.body())
                        .topics()
                        .get(0)
                        .partitions()
                        .get(0)
                        .fetchOffset())
                .isEqualTo(10);
    }

    @Test
    void shouldResetByThePolicyWhenTheFetchOffsetIsOutOfRange() {
        subscriptions.seek(TP, 500);
        client.respond(step(ApiKey.FETCH), fetched(Errors.OFFSET_OUT_OF_RANGE, null));
        fetcher.runOnce(System.currentTimeMillis());

        MockClient.Sent reset = step(ApiKey.LIST_OFFSETS);
        client.respond(reset, offset(40));
        MockClient.Sent fetch = step(ApiKey.FETCH);

        assertThat(((ListOffsetsRequest) reset.body())
                        .topics()
                        .get(0)
                        .partitions()
                        .get(0)
                        .timestamp())
                .isEqualTo(-2L);
        assertThat(((FetchRequest) fetch.body())
                        .topics()
                        .get(0)
                        .partitions()
                        .get(0)
                        .fetchOffset())
                .isEqualTo(40);
        assertThat(subscriptions.position(TP)).isEqualTo(40);
    }

    @Test
    void shouldNotFetchPausedPartitions() {
        subscriptions.seek(TP, 0);
        subscriptions.pause(List.of(TP));

        fetcher.runOnce(System.currentTimeMillis());

        assertThat(client.inFlight()).isZero();
    }
}
