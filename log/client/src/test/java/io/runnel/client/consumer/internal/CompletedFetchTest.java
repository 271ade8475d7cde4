package io.runnel.client.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.consumer.ConsumerConfig.OffsetReset;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.IntegerDeserializer;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletedFetchTest {
    static final TopicPartition TP = new TopicPartition("t", 0);

    /** Two batches: offsets 0-4 and 5-9, values "v0".."v9". */
    static MemoryRecords twoBatches(CompressionType compression) {
        ByteBuffer all = ByteBuffer.allocate(4096);
        RecordBatchBuilder builder = new RecordBatchBuilder(1024);
        for (int batch = 0; batch < 2; batch++) {
            builder.reset(batch * 5L).compression(compression);
            for (int i = batch * 5; i < batch * 5 + 5; i++) {
                builder.append(
                        1_000L + i,
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("v" + i).getBytes(StandardCharsets.UTF_8),
                        new Header("h", new byte[] {(byte) i}));
            }
            all.put(builder.build());
        }
        return MemoryRecords.wrap(all.flip());
    }

    @Test
    void shouldSkipRecordsBeforeTheFetchOffsetAndAdvanceThePosition() {
        SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST);
        subscriptions.assign(List.of(TP));
        subscriptions.seek(TP, 3);
        FetchBuffer buffer = new FetchBuffer();
        buffer.add(new CompletedFetch(TP, 1, 3, twoBatches(CompressionType.LZ4), true));
        CompletedFetchCollector collector = new CompletedFetchCollector(subscriptions, buffer);

        ConsumerRecords<String, String> first =
                collector.collect(4, new StringDeserializer(), new StringDeserializer());
        ConsumerRecords<String, String> rest =
                collector.collect(100, new StringDeserializer(), new StringDeserializer());

        assertThat(first.records(TP)).extracting(ConsumerRecord::offset).containsExactly(3L, 4L, 5L, 6L);
        assertThat(first.records(TP).get(0).value()).isEqualTo("v3");
        assertThat(first.records(TP).get(0).timestamp()).isEqualTo(1_003L);
        assertThat(first.records(TP).get(0).headers().lastHeader("h").value()).containsExactly(3);
        assertThat(rest.records(TP)).extracting(ConsumerRecord::offset).containsExactly(7L, 8L, 9L);
        assertThat(subscriptions.position(TP)).isEqualTo(10);
        assertThat(buffer.hasBuffered(TP)).isFalse();
    }

    @Test
    void shouldDropDataFetchedBeforeASeek() {
        SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST);
        subscriptions.assign(List.of(TP));
        subscriptions.seek(TP, 0);
        FetchBuffer buffer = new FetchBuffer();
        buffer.add(new CompletedFetch(TP, 1, 0, twoBatches(CompressionType.NONE), true));
        CompletedFetchCollector collector = new CompletedFetchCollector(subscriptions, buffer);

        subscriptions.seek(TP, 8);
        ConsumerRecords<String, String> records =
                collector.collect(100, new StringDeserializer(), new StringDeserializer());

        assertThat(records.isEmpty()).isTrue();
        assertThat(subscriptions.position(TP)).isEqualTo(8);
        assertThat(buffer.peek()).isNull();
    }

    @Test
    void shouldFailTheCrcCheckWhenABatchIsCorrupt() {
        MemoryRecords records = twoBatches(CompressionType.NONE);
        ByteBuffer bytes = records.bufferForAppend();
        bytes.put(70, (byte) (bytes.get(70) ^ 0x55));
        CompletedFetch fetch = new CompletedFetch(TP, 0, 0, MemoryRecords.wrap(bytes), true);

        assertThatThrownBy(() ->
                        fetch.fetchRecords(10, new StringDeserializer(), new StringDeserializer(), new ArrayList<>()))
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void shouldFailWithRecordTooLargeWhenTheResponseHoldsOnlyPartOfABatch() {
        SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST);
        subscriptions.assign(List.of(TP));
        subscriptions.seek(TP, 0);
        ByteBuffer whole = twoBatches(CompressionType.NONE).buffer();
        ByteBuffer cut = ByteBuffer.allocate(80).put(whole.limit(80)).flip();
        FetchBuffer buffer = new FetchBuffer();
        buffer.add(new CompletedFetch(TP, 1, 0, MemoryRecords.wrap(cut), true));
        CompletedFetchCollector collector = new CompletedFetchCollector(subscriptions, buffer);

        assertThatThrownBy(() -> collector.collect(10, new StringDeserializer(), new StringDeserializer()))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("max.partition.fetch.bytes");
        assertThat(subscriptions.position(TP)).isZero();
    }

    @Test
    void shouldReturnGoodRecordsFirstThenFailAtTheBadOneUntilSeekedPast() {
        SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST);
        subscriptions.assign(List.of(TP));
        subscriptions.seek(TP, 0);
        FetchBuffer buffer = new FetchBuffer();
        buffer.add(new CompletedFetch(TP, 1, 0, twoBatches(CompressionType.NONE), true));
        CompletedFetchCollector collector = new CompletedFetchCollector(subscriptions, buffer);
        StringDeserializer keys = new StringDeserializer();
        IntegerDeserializer failing = new IntegerDeserializer();

        assertThatThrownBy(() -> collector.collect(10, keys, failing))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("offset 0");
        assertThatThrownBy(() -> collector.collect(10, keys, failing)).isInstanceOf(SerializationException.class);
        assertThat(subscriptions.position(TP)).isZero();
    }
}
