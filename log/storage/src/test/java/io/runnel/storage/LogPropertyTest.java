package io.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.records.CompressionType;
import io.runnel.records.Record;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Timeout;

/**
 * Random sequences of appends, reads, rolls, truncations, record deletions and reopenings (clean and after a crash),
 * checked after every step against a plain list of (offset, value). Reproduce a failure with its seed.
 */
@Timeout(120)
class LogPropertyTest {
    private static final Map<String, Object> CONFIG = Map.of("segment.bytes", 700, "index.interval.bytes", 64);

    private record Entry(long offset, String value) {}

    @Property(tries = 25)
    void shouldBehaveLikeAListWhenOperatedRandomly(@ForAll long seed) throws Exception {
        List<String> trace = new ArrayList<>();
        try {
            run(seed, trace);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("seed " + seed + " failed after " + trace, e);
        }
    }

    /** One run; {@code trace} records the operations for the failure message. */
    static void run(long seed, List<String> trace) throws Exception {
        Path root = Files.createTempDirectory("log-property");
        Random random = new Random(seed);
        List<Entry> model = new ArrayList<>();
        long modelStart = 0;
        long modelEnd = 0;
        int counter = 0;
        try (LogFixture fixture = new LogFixture(root)) {
            Log log = fixture.open(CONFIG);
            try {
                for (int step = 0; step < 120; step++) {
                    int op = random.nextInt(100);
                    if (op < 55) {
                        int count = 1 + random.nextInt(6);
                        RecordBatchBuilder builder = new RecordBatchBuilder(128);
                        builder.reset(0).compression(CompressionType.values()[random.nextInt(5)]);
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            String value = "value-" + counter++;
                            values.add(value);
                            builder.append(fixture.time.milliseconds(), null, TestBatches.bytes(value));
                        }
                        trace.add("append " + count);
                        LogAppendInfo info = log.appendAsLeader(TestBatches.copy(builder.build()), 0);
                        assertThat(info.firstOffset()).isEqualTo(modelEnd);
                        for (String value : values) {
                            model.add(new Entry(modelEnd++, value));
                        }
                    } else if (op < 65) {
                        trace.add("roll");
                        log.roll();
                    } else if (op < 75 && modelEnd > modelStart) {
                        long target = modelStart + random.nextInt((int) (modelEnd - modelStart));
                        trace.add("truncateTo " + target);
                        log.truncateTo(target);
                        // Truncation cuts at a batch boundary: the log end tells where.
                        long end = log.logEndOffset();
                        assertThat(end).isLessThanOrEqualTo(target);
                        final long cut = end;
                        model.removeIf(e -> e.offset() >= cut);
                        modelEnd = end;
                        modelStart = Math.min(modelStart, end);
                    } else if (op < 82 && modelEnd > modelStart) {
                        long target = modelStart + random.nextInt((int) (modelEnd - modelStart + 1));
                        trace.add("deleteRecordsBefore " + target);
                        modelStart = log.deleteRecordsBefore(target);
                        final long start = modelStart;
                        model.removeIf(e -> e.offset() < start);
                    } else if (op < 91) {
                        boolean clean = random.nextBoolean();
                        trace.add(clean ? "reopen clean" : "reopen after crash");
                        long recoveryPoint = log.recoveryPoint();
                        long start = log.logStartOffset();
                        log.close();
                        log = fixture.open(
                                CONFIG,
                                clean
                                        ? new RecoveryState(start, recoveryPoint, true)
                                        : new RecoveryState(start, 0, false));
                    } else {
                        long from = modelStart
                                + (modelEnd > modelStart ? random.nextInt((int) (modelEnd - modelStart)) : 0);
                        check(log, model, from);
                    }
                    assertThat(log.logEndOffset())
                            .as("seed %d step %d", seed, step)
                            .isEqualTo(modelEnd);
                    assertThat(log.logStartOffset())
                            .as("seed %d step %d", seed, step)
                            .isEqualTo(modelStart);
                }
                check(log, model, modelStart);
            } finally {
                log.close();
            }
        } finally {
            TestFiles.deleteAll(root);
        }
    }

    private static void check(Log log, List<Entry> model, long from) {
        List<Record> records = TestBatches.readAll(log, from);
        List<Entry> actual = records.stream()
                .map(r -> new Entry(r.offset(), TestBatches.string(ByteBuffer.wrap(bytes(r.value())))))
                .toList();
        assertThat(actual)
                .isEqualTo(model.stream().filter(e -> e.offset() >= from).toList());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
