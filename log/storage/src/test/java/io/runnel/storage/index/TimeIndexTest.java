package io.runnel.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
class TimeIndexTest {

    @Property(tries = 100)
    void shouldAgreeWithASortedMapWhenLookingUp(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int appends)
            throws IOException {
        Path dir = Files.createTempDirectory("time-index");
        Random random = new Random(seed);
        TreeMap<Long, Long> model = new TreeMap<>();
        try (TimeIndex index = new TimeIndex(dir.resolve("0.timeindex"), 1000, 12 * 1000)) {
            long offset = 1000;
            long timestamp = 1_700_000_000_000L;
            for (int i = 0; i < appends; i++) {
                offset += random.nextInt(20);
                // Timestamps sometimes go back: such entries are skipped, as the index only grows.
                timestamp += random.nextInt(100) - 20;
                index.maybeAppend(timestamp, offset);
                if (model.isEmpty() || timestamp > model.lastKey()) {
                    model.put(timestamp, offset);
                }
            }

            assertThat(index.entries()).isEqualTo(model.size());
            for (int probe = 0; probe < 200; probe++) {
                long target = 1_700_000_000_000L - 50 + random.nextInt(appends * 80 + 100);
                Map.Entry<Long, Long> expected = model.floorEntry(target);
                TimestampOffset found = index.lookup(target);
                if (expected == null) {
                    assertThat(found).isEqualTo(new TimestampOffset(-1L, 1000));
                } else {
                    assertThat(found).isEqualTo(new TimestampOffset(expected.getKey(), expected.getValue()));
                }
            }
        } finally {
            io.runnel.storage.TestFiles.deleteAll(dir);
        }
    }

    @Test
    void shouldDropEntriesAtOrAfterOffsetWhenTruncated() throws IOException {
        Path dir = Files.createTempDirectory("time-index");
        try (TimeIndex index = new TimeIndex(dir.resolve("0.timeindex"), 0, 4096)) {
            index.maybeAppend(100, 5);
            index.maybeAppend(200, 10);
            index.maybeAppend(300, 15);

            index.truncateTo(10);

            assertThat(index.entries()).isEqualTo(1);
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(100, 5));
        }
        io.runnel.storage.TestFiles.deleteAll(dir);
    }
}
