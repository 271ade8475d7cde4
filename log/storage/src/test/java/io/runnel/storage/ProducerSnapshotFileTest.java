package io.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.storage.ProducerSnapshotFile.CorruptSnapshotException;
import io.runnel.storage.ProducerStateManager.BatchMetadata;
import io.runnel.storage.ProducerStateManager.Entry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file format: round trips, and every kind of damage is refused rather than misread. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProducerSnapshotFileTest {
    private static final long OFFSET = 1000L;

    @TempDir
    Path dir;

    static List<Entry> state() {
        List<BatchMetadata> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new BatchMetadata(i * 3, i * 3 + 2, 100 + i * 3, 102 + i * 3, 1_700_000_000_000L + i));
        }
        return List.of(
                new Entry(7L, (short) 0, five),
                new Entry(8L, (short) 3, List.of(new BatchMetadata(Integer.MAX_VALUE, 1, 500, 502, -1L))),
                new Entry(Long.MAX_VALUE, Short.MAX_VALUE, five.subList(2, 5)));
    }

    @Test
    void shouldRoundTripEveryBatchOfEveryProducer() throws Exception {
        ByteBuffer bytes = ProducerSnapshotFile.encode(state());

        assertThat(ProducerSnapshotFile.decode(bytes, OFFSET)).isEqualTo(state());
        assertThat(bytes.remaining()).isEqualTo(10 + 3 * 11 + (5 + 1 + 3) * 32);
    }

    @Test
    void shouldRoundTripAnEmptyState() throws Exception {
        ByteBuffer bytes = ProducerSnapshotFile.encode(List.of());

        assertThat(bytes.remaining()).isEqualTo(10);
        assertThat(ProducerSnapshotFile.decode(bytes, 0)).isEmpty();
    }

    @Test
    void shouldRoundTripThroughTheFileTheManagerWrites() throws Exception {
        ProducerStateManager state = new ProducerStateManager();
        state.load(state());
        ProducerSnapshots snapshots = new ProducerSnapshots(dir, "");

        snapshots.install(snapshots.prepare(OFFSET, state.entries()), OFFSET);

        assertThat(ProducerSnapshotFile.path(dir, OFFSET).getFileName().toString())
                .isEqualTo("00000000000000001000.snapshot");
        assertThat(ProducerSnapshotFile.read(ProducerSnapshotFile.path(dir, OFFSET), OFFSET))
                .isEqualTo(state());
        assertThat(dir.resolve("00000000000000001000.snapshot.tmp")).doesNotExist();
    }

    @Test
    void shouldRefuseAFlippedByteAtEveryPosition() {
        ByteBuffer good = ProducerSnapshotFile.encode(state());

        for (int position = 0; position < good.remaining(); position++) {
            ByteBuffer damaged = TestBatches.copy(good);
            damaged.put(position, (byte) (damaged.get(position) ^ 0x10));

            int at = position;
            assertThatThrownBy(() -> ProducerSnapshotFile.decode(damaged, OFFSET))
                    .as("byte %d flipped", at)
                    .isInstanceOf(CorruptSnapshotException.class);
        }
    }

    @Test
    void shouldRefuseAFileCutAtEveryLength() {
        ByteBuffer good = ProducerSnapshotFile.encode(state());

        for (int length = 0; length < good.remaining(); length++) {
            ByteBuffer cut = TestBatches.copy(good).limit(length);

            int at = length;
            assertThatThrownBy(() -> ProducerSnapshotFile.decode(cut, OFFSET))
                    .as("cut at %d", at)
                    .isInstanceOf(CorruptSnapshotException.class);
        }
    }

    @Test
    void shouldRefuseAnUnknownVersion() {
        ByteBuffer bytes = TestBatches.copy(ProducerSnapshotFile.encode(state()));
        bytes.putShort(0, (short) 2);

        assertThatThrownBy(() -> ProducerSnapshotFile.decode(bytes, OFFSET))
                .isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("unknown version 2");
    }

    @Test
    void shouldRefuseABatchAtOrPastTheSnapshotsOffset() {
        ByteBuffer bytes = ProducerSnapshotFile.encode(state());

        assertThatThrownBy(() -> ProducerSnapshotFile.decode(bytes, 502))
                .isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("snapshot of offset 502");
    }

    @Test
    void shouldParseOnlySnapshotFileNames() {
        assertThat(ProducerSnapshotFile.parseOffset("00000000000000001200.snapshot"))
                .isEqualTo(1200);
        assertThat(ProducerSnapshotFile.parseOffset("00000000000000001200.snapshot.tmp"))
                .isEqualTo(-1);
        assertThat(ProducerSnapshotFile.parseOffset("00000000000000001200.log")).isEqualTo(-1);
        assertThat(ProducerSnapshotFile.parseOffset("1200.snapshot")).isEqualTo(-1);
    }
}
