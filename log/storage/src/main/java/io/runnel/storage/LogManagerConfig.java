package io.runnel.storage;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a {@link LogManager} runs: where logs live and how often its background work runs. Kafka's broker key names.
 * Immutable.
 *
 * @param logDirs directories holding partition logs ({@code log.dirs}); each is locked by one process at a time
 * @param defaultLogConfig the config of logs created without topic overrides
 * @param recoveryThreadsPerDir threads opening logs per directory at startup ({@code
 *     num.recovery.threads.per.data.dir})
 * @param retentionCheckInterval how often retention runs ({@code log.retention.check.interval.ms})
 * @param flushCheckInterval how often {@code flush.ms} is checked ({@code log.flush.scheduler.interval.ms})
 * @param checkpointInterval how often recovery points and log start offsets are checkpointed ({@code
 *     log.flush.offset.checkpoint.interval.ms})
 * @param cleanerEnabled whether compacted topics are cleaned ({@code log.cleaner.enable})
 * @param cleanerThreads threads cleaning compacted logs ({@code log.cleaner.threads})
 * @param cleanerBackoff how long a cleaner thread waits when nothing needs cleaning ({@code log.cleaner.backoff.ms})
 * @param cleanerDedupeBufferSize memory for the cleaners' key maps, in bytes ({@code log.cleaner.dedupe.buffer.size})
 * @param producerIdExpiration when idle idempotent producers are forgotten
 */
public record LogManagerConfig(
        List<Path> logDirs,
        LogConfig defaultLogConfig,
        int recoveryThreadsPerDir,
        Duration retentionCheckInterval,
        Duration flushCheckInterval,
        Duration checkpointInterval,
        boolean cleanerEnabled,
        int cleanerThreads,
        Duration cleanerBackoff,
        long cleanerDedupeBufferSize,
        ProducerIdExpiration producerIdExpiration) {

    /**
     * When a partition forgets an idempotent producer, as Kafka does: once its newest batch's timestamp is {@code
     * after} old, checked every {@code checkInterval}. A forgotten producer may start at any sequence again.
     *
     * @param after {@code producer.id.expiration.ms}
     * @param checkInterval {@code producer.id.expiration.check.interval.ms}
     */
    public record ProducerIdExpiration(Duration after, Duration checkInterval) {
        public ProducerIdExpiration {
            if (after.isNegative()) {
                throw new IllegalArgumentException("producer.id.expiration.ms must be >= 0: " + after.toMillis());
            }
            if (checkInterval.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "producer.id.expiration.check.interval.ms must be >= 1: " + checkInterval.toMillis());
            }
        }
    }

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define("log.dirs", Type.LIST, List.of("/tmp/runnel-logs"), (k, v) -> {}, "Directories of partition logs.")
            .define(
                    "num.recovery.threads.per.data.dir",
                    Type.INT,
                    1,
                    Validator.atLeast(1),
                    "Threads per directory opening and recovering logs at startup.")
            .define(
                    "log.retention.check.interval.ms",
                    Type.LONG,
                    300_000L,
                    Validator.atLeast(1),
                    "How often retention deletes old segments.")
            .define(
                    "log.flush.scheduler.interval.ms",
                    Type.LONG,
                    Long.MAX_VALUE,
                    Validator.atLeast(1),
                    "How often logs are checked against flush.ms.")
            .define(
                    "log.flush.offset.checkpoint.interval.ms",
                    Type.LONG,
                    60_000L,
                    Validator.atLeast(1),
                    "How often recovery points and log start offsets are checkpointed.")
            .define("log.cleaner.enable", Type.BOOLEAN, true, Validator.any(), "Whether compacted topics are cleaned.")
            .define("log.cleaner.threads", Type.INT, 1, Validator.atLeast(0), "Threads cleaning compacted logs.")
            .define(
                    "log.cleaner.backoff.ms",
                    Type.LONG,
                    15_000L,
                    Validator.atLeast(0),
                    "How long an idle cleaner thread waits before looking again.")
            .define(
                    "log.cleaner.dedupe.buffer.size",
                    Type.LONG,
                    128L * 1024 * 1024,
                    Validator.atLeast(1024),
                    "Memory for the cleaners' key-to-offset maps, in bytes.")
            .define(
                    "producer.id.expiration.ms",
                    Type.LONG,
                    86_400_000L,
                    Validator.atLeast(0),
                    "How long a partition remembers an idempotent producer after its newest batch's timestamp; a"
                            + " forgotten producer may start at any sequence.")
            .define(
                    "producer.id.expiration.check.interval.ms",
                    Type.LONG,
                    600_000L,
                    Validator.atLeast(1),
                    "How often partitions forget idempotent producers past producer.id.expiration.ms.")
            .build();

    public LogManagerConfig {
        logDirs = List.copyOf(logDirs);
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one log directory is required");
        }
        if (recoveryThreadsPerDir < 1) {
            throw new IllegalArgumentException("recoveryThreadsPerDir must be >= 1: " + recoveryThreadsPerDir);
        }
        if (cleanerThreads < 0) {
            throw new IllegalArgumentException("cleanerThreads must be >= 0: " + cleanerThreads);
        }
    }

    /**
     * A config from broker properties ({@code log.dirs} and the background-work keys above) and the default topic
     * config.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException for an unknown key or an invalid value
     */
    public static LogManagerConfig fromMap(Map<String, ?> properties, LogConfig defaultLogConfig) {
        ConfigValues v = DEFINITION.parse(properties);
        return new LogManagerConfig(
                v.getList("log.dirs").stream().map(Path::of).toList(),
                defaultLogConfig,
                v.getInt("num.recovery.threads.per.data.dir"),
                Duration.ofMillis(v.getLong("log.retention.check.interval.ms")),
                Duration.ofMillis(v.getLong("log.flush.scheduler.interval.ms")),
                Duration.ofMillis(v.getLong("log.flush.offset.checkpoint.interval.ms")),
                v.getBoolean("log.cleaner.enable"),
                v.getInt("log.cleaner.threads"),
                Duration.ofMillis(v.getLong("log.cleaner.backoff.ms")),
                v.getLong("log.cleaner.dedupe.buffer.size"),
                new ProducerIdExpiration(
                        Duration.ofMillis(v.getLong("producer.id.expiration.ms")),
                        Duration.ofMillis(v.getLong("producer.id.expiration.check.interval.ms"))));
    }

    /** Defaults for the given directories. */
    public static LogManagerConfig forDirs(List<Path> logDirs, LogConfig defaultLogConfig) {
        return fromMap(
                Map.of(
                        "log.dirs",
                        String.join(",", logDirs.stream().map(Path::toString).toList())),
                defaultLogConfig);
    }
}
