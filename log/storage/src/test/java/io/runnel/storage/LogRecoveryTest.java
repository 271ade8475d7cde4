package io.runnel.storage;

import static io.runnel.storage.TestBatches.batch;
import static io.runnel.storage.TestBatches.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.StorageException;
import io.runnel.records.CompressionType;
import io.runnel.records.FileBatch;
import io.runnel.records.FileRecords;
import io.runnel.records.Record;
import io.runnel.storage.segment.LogSegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests: cut or corrupt segment files at random places, reopen as after a crash, and check the log holds
 * exactly the valid prefix: every batch before the damage, nothing at or after it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogRecoveryTest {
    private static final Map<String, Object> CONFIG = Map.of("segment.bytes", 4096, "index.interval.bytes", 256);
    private static final int ROUNDS = 40;

    @TempDir
    Path root;

    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(root);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fixture.close();
    }

    /** Writes a log of mixed codecs over several segments and returns its records. */
    private List<Record> writeLog(Random random) {
        try (Log log = fixture.open(CONFIG)) {
            for (int i = 0; i < 60; i++) {
                CompressionType codec = CompressionType.values()[random.nextInt(5)];
                log.appendAsLeader(batch(1 + random.nextInt(8), fixture.time.milliseconds(), codec), 0);
            }
            return readAll(log, 0);
        }
    }

    private record BatchSpan(Path file, int start, int end, long lastOffset) {}

    private List<BatchSpan> batchSpans() throws IOException {
        List<BatchSpan> spans = new ArrayList<>();
        List<Path> logs;
        try (var files = Files.list(fixture.dir())) {
            logs = files.filter(f -> f.toString().endsWith(".log"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        for (Path file : logs) {
            try (FileRecords records = FileRecords.open(file)) {
                for (FileBatch batch : records.batches()) {
                    spans.add(new BatchSpan(
                            file, batch.position(), batch.position() + batch.sizeInBytes(), batch.lastOffset()));
                }
            }
        }
        return spans;
    }

    @Test
    void shouldHoldExactlyTheValidPrefixWhenASegmentIsCutAtAnyByte() throws IOException {
        Random random = new Random(20261125L);
        List<Record> written = writeLog(random);
        Path pristine = snapshot();

        for (int round = 0; round < ROUNDS; round++) {
            restore(pristine);
            List<BatchSpan> spans = batchSpans();
            BatchSpan victim = spans.get(random.nextInt(spans.size()));
            int cut = victim.start() + random.nextInt(victim.end() - victim.start());
            try (RandomAccessFile file = new RandomAccessFile(victim.file().toFile(), "rw")) {
                file.setLength(cut);
            }
            long expectedEnd = spans.indexOf(victim) == 0
                    ? 0
                    : spans.get(spans.indexOf(victim) - 1).lastOffset() + 1;

            try (Log log = fixture.open(CONFIG, RecoveryState.NONE)) {
                assertThat(log.logEndOffset())
                        .as("round %d, cut %s at %d", round, victim.file(), cut)
                        .isEqualTo(expectedEnd);
                assertThat(readAll(log, 0)).isEqualTo(written.subList(0, (int) expectedEnd));
            }
        }
    }

    @Test
    void shouldDropFromTheCorruptBatchWhenAByteIsFlipped() throws IOException {
        Random random = new Random(7L);
        List<Record> written = writeLog(random);
        Path pristine = snapshot();

        for (int round = 0; round < ROUNDS; round++) {
            restore(pristine);
            List<BatchSpan> spans = batchSpans();
            BatchSpan victim = spans.get(random.nextInt(spans.size()));
            int position = victim.start() + checkedOffset(random, victim.end() - victim.start());
            flip(victim.file(), position, random);
            long expectedEnd = spans.indexOf(victim) == 0
                    ? 0
                    : spans.get(spans.indexOf(victim) - 1).lastOffset() + 1;

            try (Log log = fixture.open(CONFIG, RecoveryState.NONE)) {
                assertThat(log.logEndOffset())
                        .as("round %d, flip at %d of %s", round, position, victim.file())
                        .isEqualTo(expectedEnd);
                assertThat(readAll(log, 0)).isEqualTo(written.subList(0, (int) expectedEnd));
                log.appendAsLeader(batch(2, fixture.time.milliseconds(), CompressionType.NONE), 0);
                assertThat(log.logEndOffset()).isEqualTo(expectedEnd + 2);
            }
        }
    }

    /**
     * A byte offset inside a batch that the format protects: everything but the base offset (bytes 0-7) and the
     * partition leader epoch (12-15), which record batch v2 leaves outside the CRC so that brokers can rewrite them.
     */
    private static int checkedOffset(Random random, int size) {
        while (true) {
            int offset = random.nextInt(size);
            if (offset >= 8 && (offset < 12 || offset >= 16)) {
                return offset;
            }
        }
    }

    @Test
    void shouldRecoverOnlyFromTheRecoveryPointWhenCheckpointed() throws IOException {
        Random random = new Random(3L);
        List<Record> written = writeLog(random);
        List<BatchSpan> spans = batchSpans();
        BatchSpan early = spans.get(2);
        // Damage before the recovery point is not looked for: those segments were flushed and are trusted.
        flip(early.file(), early.start() + 30, random);
        BatchSpan last = spans.get(spans.size() - 1);
        try (RandomAccessFile file = new RandomAccessFile(last.file().toFile(), "rw")) {
            file.setLength(last.end() - 1);
        }
        long recoveryPoint =
                LogSegment.parseBaseOffset(last.file().getFileName().toString());

        try (Log log = fixture.open(CONFIG, new RecoveryState(0, recoveryPoint, false))) {
            assertThat(log.logEndOffset()).isEqualTo(spans.get(spans.size() - 2).lastOffset() + 1);
            assertThat(log.recoveryPoint()).isEqualTo(log.logEndOffset());
            assertThat(readAll(log, recoveryPoint))
                    .isEqualTo(written.subList((int) recoveryPoint, (int) log.logEndOffset()));
        }
    }

    @Test
    void shouldRebuildAnIndexWhenItIsGarbage() throws IOException {
        List<Record> written = writeLog(new Random(5L));
        Path index;
        try (var files = Files.list(fixture.dir())) {
            index = files.filter(f -> f.toString().endsWith(".index"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.setLength(64);
            file.seek(0);
            file.write(new byte[] {0, 0, 0, 9, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 0});
        }

        try (Log log = fixture.open(CONFIG, new RecoveryState(0, written.size(), true))) {
            assertThat(readAll(log, 0)).isEqualTo(written);
            for (int offset = 0; offset < written.size(); offset += 7) {
                assertThat(readAll(log, offset))
                        .first()
                        .extracting(Record::offset)
                        .isEqualTo((long) offset);
            }
        }
    }

    @Test
    void shouldKeepAcknowledgedDataWhenTheDiskFills() {
        AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);
        fixture.channels = FaultyChannel.opener(freeBytes);
        List<Long> acknowledged = new ArrayList<>();
        try (Log log = fixture.open(Map.of())) {
            for (int i = 0; i < 5; i++) {
                acknowledged.add(log.appendAsLeader(batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0)
                        .lastOffset());
            }
            long endBefore = log.logEndOffset();
            freeBytes.set(40); // less than one batch: the write tears

            assertThatThrownBy(() -> log.appendAsLeader(batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("No space left on device");

            assertThat(log.logEndOffset()).isEqualTo(endBefore);
            assertThat(readAll(log, 0)).hasSize(15);
            freeBytes.set(Long.MAX_VALUE);
            log.appendAsLeader(batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0);
            assertThat(readAll(log, 0)).hasSize(18);
        }
        fixture.channels = FileRecords.ChannelOpener.DEFAULT;

        try (Log reopened = fixture.open(Map.of(), RecoveryState.NONE)) {
            assertThat(readAll(reopened, 0)).extracting(Record::offset).containsExactlyElementsOf(LogTest.range(0, 18));
        }
    }

    @Test
    void shouldLogTheStackTraceOnceWhenAnAppendKeepsFailing() {
        AtomicLong freeBytes = new AtomicLong(0);
        fixture.channels = FaultyChannel.opener(freeBytes);
        try (Log log = fixture.open(Map.of())) {
            List<String> logged = new ArrayList<>();
            for (int retry = 0; retry < 3; retry++) {
                logged.add(stderrOf(() -> assertThatThrownBy(() ->
                                log.appendAsLeader(batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0))
                        .isInstanceOf(StorageException.class)));
            }
            freeBytes.set(Long.MAX_VALUE);
            String recovered =
                    stderrOf(() -> log.appendAsLeader(batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0));

            assertThat(logged.get(0)).contains("Append failed").contains("\tat ");
            assertThat(logged.get(1))
                    .contains("Append failed again (2 in a row)")
                    .doesNotContain("\tat ");
            assertThat(logged.get(2))
                    .contains("Append failed again (3 in a row)")
                    .doesNotContain("\tat ");
            assertThat(recovered).contains("Append succeeded again after 3 failed in a row");
        }
        fixture.channels = FileRecords.ChannelOpener.DEFAULT;
    }

    /** What {@code action} logs: the tests' SLF4J binding (slf4j-simple) writes to the current {@code System.err}. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void flip(Path file, int position, Random random) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ (1 + random.nextInt(255)));
        }
    }

    private Path snapshot() throws IOException {
        Path copy = root.resolve("pristine");
        Files.createDirectories(copy);
        try (var files = Files.list(fixture.dir())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private void restore(Path pristine) throws IOException {
        try (var files = Files.list(fixture.dir())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (var files = Files.list(pristine)) {
            for (Path file : files.toList()) {
                Files.copy(file, fixture.dir().resolve(file.getFileName()));
            }
        }
    }
}
