package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileRecordsTest {
    @TempDir
    Path dir;

    @Test
    void shouldIterateBatchHeadersWhenBatchesWereAppended() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("0.log"))) {
            List<ByteBuffer> batches = appendBatches(file, 5);

            List<FileBatch> read = new ArrayList<>();
            file.batches().forEach(read::add);

            assertThat(read).hasSize(5);
            int position = 0;
            for (int i = 0; i < 5; i++) {
                assertThat(read.get(i).position()).isEqualTo(position);
                assertThat(read.get(i).baseOffset()).isEqualTo(i * 10L);
                assertThat(read.get(i).lastOffset()).isEqualTo(i * 10L + 9);
                assertThat(read.get(i).load().buffer()).isEqualTo(batches.get(i));
                position += batches.get(i).remaining();
            }
            assertThat(file.sizeInBytes()).isEqualTo(position);
        }
    }

    @Test
    void shouldStopBeforeAPartialBatchWhenTheTailIsTorn() throws IOException {
        Path path = dir.resolve("0.log");
        try (FileRecords file = FileRecords.open(path)) {
            appendBatches(file, 3);
            file.truncateTo(file.sizeInBytes() - 7);

            List<FileBatch> read = new ArrayList<>();
            file.batches().forEach(read::add);

            assertThat(read).hasSize(2);
        }
    }

    @Test
    void shouldFailIterationWhenALengthIsImpossible() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("0.log"))) {
            appendBatches(file, 1);
            ByteBuffer garbage = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            garbage.putInt(RecordBatch.LENGTH_OFFSET, 3);
            file.append(garbage);

            assertThatThrownBy(() -> file.batches().forEach(b -> {})).isInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void shouldSendExactlyTheSliceWhenWrittenToAChannel() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("0.log"))) {
            List<ByteBuffer> batches = appendBatches(file, 4);
            int second = batches.get(0).remaining();
            FileRecords slice = file.slice(
                    second, batches.get(1).remaining() + batches.get(2).remaining());
            ByteArrayOutputStream sink = new ByteArrayOutputStream();

            long sent = 0;
            while (sent < slice.sizeInBytes()) {
                sent += slice.writeTo(Channels.newChannel(sink), sent, slice.sizeInBytes());
            }

            MemoryRecords received = MemoryRecords.wrap(ByteBuffer.wrap(sink.toByteArray()));
            List<Long> offsets = new ArrayList<>();
            received.forEach(b -> offsets.add(b.baseOffset()));
            assertThat(offsets).containsExactly(10L, 20L);
        }
    }

    @Test
    void shouldFindTheBatchHoldingAnOffset() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("0.log"))) {
            appendBatches(file, 4);

            assertThat(file.searchForOffset(25, 0))
                    .extracting(FileBatch::baseOffset)
                    .isEqualTo(20L);
            assertThat(file.searchForOffset(0, 0))
                    .extracting(FileBatch::baseOffset)
                    .isEqualTo(0L);
            assertThat(file.searchForOffset(40, 0)).isNull();
        }
    }

    @Test
    void shouldRefuseWritesWhenSliced() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("0.log"))) {
            appendBatches(file, 1);

            assertThatThrownBy(() -> file.slice(0, 10).append(ByteBuffer.allocate(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    static List<ByteBuffer> appendBatches(FileRecords file, int count) throws IOException {
        Random random = new Random(count);
        List<ByteBuffer> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuffer batch = KafkaCompatibilityTest.build(
                    CompressionType.values()[i % 5],
                    i * 10L,
                    -1L,
                    (short) -1,
                    -1,
                    false,
                    RecordInput.random(random, 10));
            file.append(batch);
            batches.add(batch);
        }
        return batches;
    }
}
