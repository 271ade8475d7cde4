package io.runnel.bench;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.records.CompressionType;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.RecordCursor;
import io.runnel.storage.FetchData;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManager;
import io.runnel.storage.LogManagerConfig;
import io.runnel.storage.index.TimestampOffset;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tour of Runnel's storage engine on this machine, end to end: write a million 100-byte records into a partition
 * log through a {@link LogManager}, read them all back and check them, look up offsets by timestamp, shut down
 * cleanly and restart without recovery, then tear the last segment as a crash would and watch recovery cut it back
 * to the last whole batch.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.runnel.bench.StorageTour [records] [directory]}
 */
public final class StorageTour {
    private static final int RECORD_SIZE = 100;
    private static final int RECORDS_PER_BATCH = 160; // ~16 KiB batches

    private StorageTour() {}

    public static void main(String[] args) throws IOException {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("runnel-tour");
        TopicPartition tp = new TopicPartition("tour", 0);
        LogConfig config = LogConfig.fromMap(Map.of("segment.bytes", 32 * 1024 * 1024));
        LogManagerConfig managerConfig = LogManagerConfig.forDirs(List.of(dir), config);
        System.out.printf(Locale.ROOT, "Runnel storage tour: %,d records of %d bytes in %s%n%n", records, RECORD_SIZE, dir);

        long t0 = System.nanoTime();
        long baseTimestamp;
        try (LogManager manager = LogManager.start(managerConfig, Time.SYSTEM)) {
            Log log = manager.getOrCreateLog(tp, config);
            baseTimestamp = System.currentTimeMillis();
            write(log, records, baseTimestamp);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "append   %,12d records  %8.1f MB/s  %,10.0f records/s  (%d segments)%n",
                    log.logEndOffset(), records * RECORD_SIZE / seconds / 1e6, records / seconds, log.numberOfSegments());

            long t1 = System.nanoTime();
            long checksum = readAndCheck(log, records);
            seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "read     %,12d records  %8.1f MB/s  %,10.0f records/s  (checksum %x)%n",
                    records, records * RECORD_SIZE / seconds / 1e6, records / seconds, checksum);

            long middle = baseTimestamp + records / 2;
            Optional<TimestampOffset> found = log.fetchOffsetByTimestamp(middle);
            System.out.printf(Locale.ROOT, "lookup   first record at or after timestamp base+%d: offset %s%n",
                    records / 2, found.map(f -> Long.toString(f.offset())).orElse("none"));
        }

        long t2 = System.nanoTime();
        try (LogManager manager = LogManager.start(managerConfig, Time.SYSTEM)) {
            Log log = manager.log(tp).orElseThrow();
            System.out.printf(Locale.ROOT, "restart  after a clean shutdown in %.0f ms: %,d records, %d segments recovered%n",
                    (System.nanoTime() - t2) / 1e6, log.logEndOffset(), log.segmentsRecoveredOnOpen());
        }

        Path lastSegment = lastSegment(dir.resolve(tp.toString()));
        long size = Files.size(lastSegment);
        try (RandomAccessFile file = new RandomAccessFile(lastSegment.toFile(), "rw")) {
            file.setLength(size - 37); // a torn write: the last batch loses its tail
        }
        Files.deleteIfExists(dir.resolve(".kafka_cleanshutdown")); // as if the process had crashed
        long t3 = System.nanoTime();
        try (LogManager manager = LogManager.start(managerConfig, Time.SYSTEM)) {
            Log log = manager.log(tp).orElseThrow();
            System.out.printf(Locale.ROOT,
                    "recover  after a torn write in %.0f ms: %d segments checked, log end %,d (the torn batch of %d records is gone)%n",
                    (System.nanoTime() - t3) / 1e6, log.segmentsRecoveredOnOpen(), log.logEndOffset(), records - log.logEndOffset());
            readAndCheck(log, log.logEndOffset());
        }
        if (args.length <= 1) {
            deleteAll(dir);
        }
        System.out.println("\nEvery record read back intact.");
    }

    private static void write(Log log, long records, long baseTimestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(RECORDS_PER_BATCH * (RECORD_SIZE + 32));
        byte[] value = new byte[RECORD_SIZE];
        byte[] key = new byte[8];
        ByteBuffer keyBuffer = ByteBuffer.wrap(key);
        long written = 0;
        while (written < records) {
            builder.reset(0L).compression(CompressionType.NONE);
            int count = (int) Math.min(RECORDS_PER_BATCH, records - written);
            for (int i = 0; i < count; i++) {
                long n = written + i;
                keyBuffer.putLong(0, n);
                value[0] = (byte) n;
                value[RECORD_SIZE - 1] = (byte) (n >>> 8);
                builder.append(baseTimestamp + n, key, value);
            }
            ByteBuffer batch = builder.build();
            log.appendAsLeader(batch, 0);
            written += count;
        }
    }

    /** Reads every record from offset 0 and checks each key is its offset; returns a checksum of the values. */
    private static long readAndCheck(Log log, long expected) throws IOException {
        long next = 0;
        long checksum = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
        while (next < expected) {
            FetchData data = log.read(next, buffer.capacity(), Long.MAX_VALUE, true);
            FileRecords slice = data.records();
            if (slice.sizeInBytes() > buffer.capacity()) {
                buffer = ByteBuffer.allocate(slice.sizeInBytes());
            }
            buffer.clear().limit(slice.sizeInBytes());
            slice.readFully(buffer, 0);
            buffer.flip();
            for (RecordBatch batch : MemoryRecords.wrap(buffer)) {
                batch.ensureValid();
                RecordCursor cursor = batch.cursor();
                while (cursor.next()) {
                    if (cursor.offset() < next) {
                        continue;
                    }
                    long key = cursor.buffer().getLong(cursor.keyPosition());
                    if (key != cursor.offset()) {
                        throw new IllegalStateException("record at offset " + cursor.offset() + " has key " + key);
                    }
                    checksum = checksum * 31 + cursor.buffer().get(cursor.valuePosition());
                    next = cursor.offset() + 1;
                }
            }
        }
        return checksum;
    }

    private static Path lastSegment(Path partitionDir) throws IOException {
        try (var files = Files.list(partitionDir)) {
            return files.filter(f -> f.toString().endsWith(".log")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
