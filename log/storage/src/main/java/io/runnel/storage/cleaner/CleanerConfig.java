package io.runnel.storage.cleaner;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import java.time.Duration;
import java.util.Map;

/**
 * The broker-level configuration of the {@link LogCleaner}, with Kafka's key names. Immutable; validated when built.
 *
 * @param enable whether the cleaner threads run at all ({@code log.cleaner.enable}); when false, compacted topics are
 *     never compacted
 * @param threads the number of cleaner threads ({@code log.cleaner.threads}); each cleans one log at a time; 0 starts
 *     none, as in Kafka
 * @param dedupeBufferSize bytes of key-hash memory shared by all threads ({@code log.cleaner.dedupe.buffer.size});
 *     each thread's offset map gets {@code dedupeBufferSize / threads}, at most 2 GiB, and holds 24 bytes per key
 * @param ioBufferSize bytes of read and write buffers per thread ({@code log.cleaner.io.buffer.size}), half each;
 *     they grow to the largest batch
 * @param backoff how long a thread waits when no log needs cleaning ({@code log.cleaner.backoff.ms}), and how long a
 *     log whose cleaning failed is left alone before the next attempt
 */
public record CleanerConfig(boolean enable, int threads, long dedupeBufferSize, int ioBufferSize, Duration backoff) {
    public static final String ENABLE = "log.cleaner.enable";
    public static final String THREADS = "log.cleaner.threads";
    public static final String DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String IO_BUFFER_SIZE = "log.cleaner.io.buffer.size";
    public static final String BACKOFF_MS = "log.cleaner.backoff.ms";

    /** Kafka's default {@code log.cleaner.io.buffer.size}: 512 KiB. */
    public static final int DEFAULT_IO_BUFFER_SIZE = 512 * 1024;

    /** The smallest offset map a thread may get: 1 KiB, about 40 keys; Kafka's default gives 128 MiB. */
    static final long MIN_MAP_BYTES_PER_THREAD = 1024;

    /** The keys, types, defaults (Kafka's) and validators. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(ENABLE, Type.BOOLEAN, true, Validator.any(), "Run the log cleaner, which compacts logs.")
            .define(THREADS, Type.INT, 1, Validator.atLeast(0), "Number of log cleaner threads; 0 runs none.")
            .define(
                    DEDUPE_BUFFER_SIZE,
                    Type.LONG,
                    128L * 1024 * 1024,
                    Validator.atLeast(MIN_MAP_BYTES_PER_THREAD),
                    "Memory for key hashes across all cleaner threads; bounds how much dirty log one pass cleans.")
            .define(
                    IO_BUFFER_SIZE,
                    Type.INT,
                    DEFAULT_IO_BUFFER_SIZE,
                    Validator.atLeast(2 * 1024),
                    "Read and write buffer memory per cleaner thread.")
            .define(
                    BACKOFF_MS,
                    Type.LONG,
                    15_000L,
                    Validator.atLeast(0),
                    "How long a cleaner thread sleeps when there is no log to clean.")
            .build();

    public CleanerConfig {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0: " + threads);
        }
        if (dedupeBufferSize / Math.max(1, threads) < MIN_MAP_BYTES_PER_THREAD) {
            throw new IllegalArgumentException("dedupeBufferSize must give each of the " + threads
                    + " threads at least " + MIN_MAP_BYTES_PER_THREAD + " bytes: " + dedupeBufferSize);
        }
        if (ioBufferSize < 2 * 1024) {
            throw new IllegalArgumentException("ioBufferSize must be >= 2048: " + ioBufferSize);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be >= 0: " + backoff);
        }
    }

    /** Kafka's defaults: enabled, one thread, 128 MiB of dedupe memory, 512 KiB of I/O buffers, 15 s backoff. */
    public static CleanerConfig defaults() {
        return fromMap(Map.of());
    }

    /**
     * A config from broker properties; absent keys take their defaults, keys of other components are ignored.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException for an invalid value
     */
    public static CleanerConfig fromMap(Map<String, ?> properties) {
        Map<String, Object> own = new java.util.HashMap<>();
        for (Map.Entry<String, ?> entry : properties.entrySet()) {
            if (DEFINITION.keys().containsKey(entry.getKey())) {
                own.put(entry.getKey(), entry.getValue());
            }
        }
        ConfigValues v = DEFINITION.parse(own);
        return new CleanerConfig(
                v.getBoolean(ENABLE),
                v.getInt(THREADS),
                v.getLong(DEDUPE_BUFFER_SIZE),
                v.getInt(IO_BUFFER_SIZE),
                Duration.ofMillis(v.getLong(BACKOFF_MS)));
    }

    /** The offset-map memory of one thread. */
    int mapBytesPerThread() {
        return (int) Math.min(dedupeBufferSize / Math.max(1, threads), Integer.MAX_VALUE - 64);
    }
}
