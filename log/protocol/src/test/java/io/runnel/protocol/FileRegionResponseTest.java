package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.types.ProtocolWriter;
import io.runnel.records.CompressionType;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.Records;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch response whose records are a region of a segment file: the writer hands the region over untouched, between
 * the encoded bytes around it, and the frame is byte-identical to the one with the same batches in memory.
 */
@Timeout(30)
class FileRegionResponseTest {
    @TempDir
    Path dir;

    @Test
    void shouldEncodeFileRegionExactlyAsTheSameBytesInMemory() throws IOException {
        ByteBuffer batches = twoBatches();
        try (FileRecords file = FileRecords.open(dir.resolve("00000000000000000000.log"))) {
            file.append(ByteBuffer.allocate(100)); // unrelated bytes before the region
            file.append(batches.duplicate());
            FileRecords region = file.slice(100, batches.remaining());

            List<Object> parts = new ArrayList<>();
            ResponseCodec.encode(ApiKey.FETCH, 9, fetchResponse(region), new ProtocolWriter.OutputSink() {
                @Override
                public void bytes(ByteBuffer buffer) {
                    parts.add(buffer);
                }

                @Override
                public void fileRegion(FileRecords fileRegion) {
                    parts.add(fileRegion);
                }
            });

            assertThat(parts).filteredOn(FileRecords.class::isInstance).containsExactly(region);
            ByteBuffer fromParts = ByteBuffer.allocate(totalSize(parts));
            for (Object part : parts) {
                fromParts.put(
                        part instanceof ByteBuffer b
                                ? b
                                : ((FileRecords) part).toMemoryRecords().buffer());
            }
            ByteBuffer inMemory = RequestCodecTest.concat(
                    ResponseCodec.encode(ApiKey.FETCH, 9, fetchResponse(MemoryRecords.wrap(batches))));
            assertThat(fromParts.flip()).isEqualTo(inMemory);
        }
    }

    @Test
    void shouldRefuseBufferOutputWhenTheMessageHoldsAFileRegion() throws IOException {
        try (FileRecords file = FileRecords.open(dir.resolve("00000000000000000000.log"))) {
            file.append(twoBatches());
            ProtocolWriter writer = new ProtocolWriter();
            writer.writeCompactRecords(file.slice(0, file.sizeInBytes()));

            assertThatThrownBy(writer::buffers)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("writeTo");
            assertThat(writer.toByteBuffer().remaining()).isEqualTo(writer.size());
        }
    }

    private static int totalSize(List<Object> parts) {
        int size = 0;
        for (Object part : parts) {
            size += part instanceof ByteBuffer b ? b.remaining() : ((FileRecords) part).sizeInBytes();
        }
        return size;
    }

    private static ByteBuffer twoBatches() {
        ByteBuffer all = ByteBuffer.allocate(4096);
        RecordBatchBuilder builder = new RecordBatchBuilder(1024);
        for (int b = 0; b < 2; b++) {
            builder.reset(b * 3L).compression(CompressionType.NONE);
            for (int i = 0; i < 3; i++) {
                builder.append(1_000L + i, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[50 + i]);
            }
            all.put(builder.build());
        }
        return all.flip();
    }

    private static FetchResponse fetchResponse(Records records) {
        return new FetchResponse(
                0,
                (short) 0,
                0,
                List.of(new FetchResponse.FetchableTopicResponse(
                        new UUID(1, 2),
                        List.of(new FetchResponse.PartitionData(
                                0,
                                (short) 0,
                                6L,
                                6L,
                                0L,
                                new FetchResponse.EpochEndOffset(-1, -1L),
                                new FetchResponse.LeaderIdAndEpoch(-1, -1),
                                new FetchResponse.SnapshotId(-1L, -1),
                                List.of(),
                                -1,
                                records)))),
                List.of());
    }
}
