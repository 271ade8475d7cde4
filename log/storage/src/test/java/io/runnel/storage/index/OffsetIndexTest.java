package io.runnel.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OffsetIndexTest {

    @Property(tries = 100)
    void shouldAgreeWithASortedMapWhenLookingUp(@ForAll long seed, @ForAll @IntRange(min = 0, max = 500) int entries)
            throws IOException {
        Path dir = Files.createTempDirectory("offset-index");
        Random random = new Random(seed);
        long base = random.nextInt(1_000_000);
        TreeMap<Long, Integer> model = new TreeMap<>();
        try (OffsetIndex index = new OffsetIndex(dir.resolve("0.index"), base, 8 * 1000)) {
            long offset = base;
            int position = 0;
            for (int i = 0; i < entries; i++) {
                offset += 1 + random.nextInt(100);
                position += 1 + random.nextInt(5000);
                index.append(offset, position);
                model.put(offset, position);
            }

            for (int probe = 0; probe < 200; probe++) {
                long target = base + random.nextInt((int) (offset - base + 50));
                Map.Entry<Long, Integer> expected = model.floorEntry(target);
                OffsetPosition found = index.lookup(target);
                if (expected == null) {
                    assertThat(found).isEqualTo(new OffsetPosition(base, 0));
                } else {
                    assertThat(found).isEqualTo(new OffsetPosition(expected.getKey(), expected.getValue()));
                }
            }

            long cut = base + random.nextInt((int) (offset - base + 1));
            index.truncateTo(cut);
            model.tailMap(cut, true).clear();
            assertThat(index.entries()).isEqualTo(model.size());
        } finally {
            deleteAll(dir);
        }
    }

    @Test
    void shouldKeepEntriesWhenClosedAndReopened() throws IOException {
        Path dir = Files.createTempDirectory("offset-index");
        Path file = dir.resolve("00.index");
        try (OffsetIndex index = new OffsetIndex(file, 100, 4096)) {
            index.append(110, 4000);
            index.append(150, 9000);
        }
        assertThat(Files.size(file)).isEqualTo(16);

        try (OffsetIndex reopened = new OffsetIndex(file, 100, 4096)) {
            reopened.sanityCheck();
            assertThat(reopened.entries()).isEqualTo(2);
            assertThat(reopened.lookup(149)).isEqualTo(new OffsetPosition(110, 4000));
            reopened.append(200, 12000);
            assertThat(reopened.lastEntry()).isEqualTo(new OffsetPosition(200, 12000));
        }
        deleteAll(dir);
    }

    @Test
    void shouldRejectEntriesThatGoBackwards() throws IOException {
        Path dir = Files.createTempDirectory("offset-index");
        try (OffsetIndex index = new OffsetIndex(dir.resolve("0.index"), 0, 4096)) {
            index.append(10, 100);

            assertThatThrownBy(() -> index.append(10, 200)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.append(20, 50)).isInstanceOf(IllegalArgumentException.class);
        }
        deleteAll(dir);
    }

    @Test
    void shouldReportFullWhenMaxSizeIsReached() throws IOException {
        Path dir = Files.createTempDirectory("offset-index");
        try (OffsetIndex index = new OffsetIndex(dir.resolve("0.index"), 0, 24)) {
            index.append(1, 1);
            index.append(2, 2);
            index.append(3, 3);

            assertThat(index.isFull()).isTrue();
            assertThatThrownBy(() -> index.append(4, 4)).hasMessageContaining("full");
        }
        deleteAll(dir);
    }

    @Test
    void shouldFailSanityCheckWhenEntriesAreOutOfOrder() throws IOException {
        Path dir = Files.createTempDirectory("offset-index");
        Path file = dir.resolve("0.index");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.writeInt(5);
            raf.writeInt(100);
            raf.writeInt(3);
            raf.writeInt(200);
        }

        try (OffsetIndex index = new OffsetIndex(file, 0, 4096)) {
            assertThatThrownBy(index::sanityCheck)
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("corrupt offset index");
        }
        deleteAll(dir);
    }

    static void deleteAll(Path dir) throws IOException {
        io.runnel.storage.TestFiles.deleteAll(dir);
    }
}
