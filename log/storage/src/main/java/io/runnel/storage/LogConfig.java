package io.runnel.storage;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import io.runnel.records.TimestampType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one partition log, with Kafka's topic-level key names. Built from string properties by {@link
 * #fromMap}, which refuses unknown keys and bad values; immutable.
 *
 * @param segmentBytes roll to a new segment when the active one would pass this size ({@code segment.bytes})
 * @param segmentMs roll when the active segment's first record is this old ({@code segment.ms})
 * @param segmentIndexBytes the largest offset or time index, in bytes ({@code segment.index.bytes})
 * @param indexIntervalBytes bytes of batches between index entries ({@code index.interval.bytes})
 * @param flushMessages fsync after this many appended records ({@code flush.messages}); {@link Long#MAX_VALUE}
 *     leaves flushing to the OS, as Kafka does by default
 * @param flushInterval fsync when data has waited this long ({@code flush.ms})
 * @param retention delete segments whose newest record is older ({@code retention.ms}); null keeps them forever
 * @param retentionBytes delete the oldest segments while the log is larger ({@code retention.bytes}); -1 for no limit
 * @param delete whether {@code cleanup.policy} includes {@code delete} (time and size retention apply)
 * @param compact whether {@code cleanup.policy} includes {@code compact}
 * @param deleteRetention how long compaction keeps tombstones ({@code delete.retention.ms})
 * @param minCleanableDirtyRatio compact when this share of the log is uncompacted ({@code min.cleanable.dirty.ratio})
 * @param minCompactionLag records younger than this are not compacted ({@code min.compaction.lag.ms})
 * @param maxMessageBytes the largest record batch accepted ({@code max.message.bytes})
 * @param timestampType whose clock stamps records ({@code message.timestamp.type})
 * @param timestampBeforeMax how far in the past a create-time timestamp may be ({@code message.timestamp.before.max.ms})
 * @param timestampAfterMax how far in the future a create-time timestamp may be ({@code message.timestamp.after.max.ms})
 * @param fileDeleteDelay how long a deleted segment's files linger, so that in-flight reads finish ({@code
 *     file.delete.delay.ms})
 * @param minInSyncReplicas the fewest in-sync replicas an {@code acks=all} write needs ({@code min.insync.replicas});
 *     the log stores it, the broker enforces it
 */
public record LogConfig(
        int segmentBytes,
        Duration segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        long flushMessages,
        Duration flushInterval,
        @Nullable Duration retention,
        long retentionBytes,
        boolean delete,
        boolean compact,
        Duration deleteRetention,
        double minCleanableDirtyRatio,
        Duration minCompactionLag,
        int maxMessageBytes,
        TimestampType timestampType,
        Duration timestampBeforeMax,
        Duration timestampAfterMax,
        Duration fileDeleteDelay,
        int minInSyncReplicas) {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String MIN_IN_SYNC_REPLICAS = "min.insync.replicas";

    /** The keys, types, defaults and validators: Kafka's, except where noted in the documentation. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(
                    SEGMENT_BYTES,
                    Type.INT,
                    1024 * 1024 * 1024,
                    Validator.atLeast(256),
                    "Segment file size; the log rolls to a new segment when the active one would grow past it.")
            .define(SEGMENT_MS, Type.LONG, 7 * 24 * 3600 * 1000L, Validator.atLeast(1), "Roll after this long.")
            .define(
                    SEGMENT_INDEX_BYTES,
                    Type.INT,
                    10 * 1024 * 1024,
                    Validator.atLeast(12),
                    "Maximum size of a segment's offset index and time index.")
            .define(
                    INDEX_INTERVAL_BYTES,
                    Type.INT,
                    4096,
                    Validator.atLeast(0),
                    "Bytes of batches between offset-index entries.")
            .define(
                    FLUSH_MESSAGES,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Validator.atLeast(1),
                    "Fsync after this many records. Default: leave it to the OS; replication gives durability.")
            .define(FLUSH_MS, Type.LONG, Long.MAX_VALUE, Validator.atLeast(0), "Fsync data older than this.")
            .define(
                    RETENTION_MS,
                    Type.LONG,
                    7 * 24 * 3600 * 1000L,
                    Validator.atLeast(-1),
                    "Delete segments whose newest record is older than this; -1 keeps them forever.")
            .define(
                    RETENTION_BYTES,
                    Type.LONG,
                    -1L,
                    Validator.atLeast(-1),
                    "Delete the oldest segments while the partition is larger than this; -1 for no limit.")
            .define(
                    CLEANUP_POLICY,
                    Type.LIST,
                    List.of("delete"),
                    Validator.in("delete", "compact"),
                    "delete (retention), compact (keep the latest value per key), or both.")
            .define(
                    DELETE_RETENTION_MS,
                    Type.LONG,
                    24 * 3600 * 1000L,
                    Validator.atLeast(0),
                    "How long compaction keeps tombstones, so that readers see deletes.")
            .define(
                    MIN_CLEANABLE_DIRTY_RATIO,
                    Type.DOUBLE,
                    0.5,
                    Validator.between(0, 1),
                    "Compact once this share of the log is uncompacted.")
            .define(
                    MIN_COMPACTION_LAG_MS,
                    Type.LONG,
                    0L,
                    Validator.atLeast(0),
                    "Records younger than this stay uncompacted.")
            .define(
                    MAX_MESSAGE_BYTES,
                    Type.INT,
                    1024 * 1024 + 12,
                    Validator.atLeast(0),
                    "Largest record batch accepted, in bytes.")
            .define(
                    MESSAGE_TIMESTAMP_TYPE,
                    Type.STRING,
                    "CreateTime",
                    (key, value) -> Validator.in("createtime", "logappendtime").ensureValid(key, value),
                    "CreateTime (the producer's) or LogAppendTime (the broker's).")
            .define(
                    MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Validator.atLeast(0),
                    "Refuse CreateTime timestamps further in the past than this.")
            .define(
                    MESSAGE_TIMESTAMP_AFTER_MAX_MS,
                    Type.LONG,
                    3600 * 1000L,
                    Validator.atLeast(0),
                    "Refuse CreateTime timestamps further in the future than this.")
            .define(
                    FILE_DELETE_DELAY_MS,
                    Type.LONG,
                    60_000L,
                    Validator.atLeast(0),
                    "How long deleted segment files linger before removal.")
            .define(
                    MIN_IN_SYNC_REPLICAS,
                    Type.INT,
                    1,
                    Validator.atLeast(1),
                    "Fewest in-sync replicas an acks=all write needs; fewer gets NOT_ENOUGH_REPLICAS.")
            .build();

    public LogConfig {
        if (segmentBytes < 256) {
            throw new IllegalArgumentException("segmentBytes must be >= 256: " + segmentBytes);
        }
        if (indexIntervalBytes < 0) {
            throw new IllegalArgumentException("indexIntervalBytes must be >= 0: " + indexIntervalBytes);
        }
        if (!delete && !compact) {
            throw new IllegalArgumentException("cleanup policy must include delete or compact");
        }
    }

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return fromMap(Map.of());
    }

    /**
     * A config from topic-level properties; absent keys take their defaults.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException for an unknown key or an invalid value
     */
    public static LogConfig fromMap(Map<String, ?> properties) {
        ConfigValues v = DEFINITION.parse(properties);
        List<String> policy = v.getList(CLEANUP_POLICY);
        long retentionMs = v.getLong(RETENTION_MS);
        return new LogConfig(
                v.getInt(SEGMENT_BYTES),
                Duration.ofMillis(v.getLong(SEGMENT_MS)),
                v.getInt(SEGMENT_INDEX_BYTES),
                v.getInt(INDEX_INTERVAL_BYTES),
                v.getLong(FLUSH_MESSAGES),
                Duration.ofMillis(v.getLong(FLUSH_MS)),
                retentionMs < 0 ? null : Duration.ofMillis(retentionMs),
                v.getLong(RETENTION_BYTES),
                policy.contains("delete"),
                policy.contains("compact"),
                Duration.ofMillis(v.getLong(DELETE_RETENTION_MS)),
                v.getDouble(MIN_CLEANABLE_DIRTY_RATIO),
                Duration.ofMillis(v.getLong(MIN_COMPACTION_LAG_MS)),
                v.getInt(MAX_MESSAGE_BYTES),
                v.getString(MESSAGE_TIMESTAMP_TYPE).equalsIgnoreCase("LogAppendTime")
                        ? TimestampType.LOG_APPEND_TIME
                        : TimestampType.CREATE_TIME,
                Duration.ofMillis(v.getLong(MESSAGE_TIMESTAMP_BEFORE_MAX_MS)),
                Duration.ofMillis(v.getLong(MESSAGE_TIMESTAMP_AFTER_MAX_MS)),
                Duration.ofMillis(v.getLong(FILE_DELETE_DELAY_MS)),
                v.getInt(MIN_IN_SYNC_REPLICAS));
    }

    /** This config's keys as properties, merged with {@code overrides}, parsed again. */
    public LogConfig with(Map<String, ?> overrides) {
        Map<String, Object> merged = new HashMap<>(toMap());
        merged.putAll(overrides);
        return fromMap(merged);
    }

    /** The config as Kafka-named properties. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(SEGMENT_BYTES, segmentBytes);
        map.put(SEGMENT_MS, segmentMs.toMillis());
        map.put(SEGMENT_INDEX_BYTES, segmentIndexBytes);
        map.put(INDEX_INTERVAL_BYTES, indexIntervalBytes);
        map.put(FLUSH_MESSAGES, flushMessages);
        map.put(FLUSH_MS, flushInterval.toMillis());
        map.put(RETENTION_MS, retention == null ? -1L : retention.toMillis());
        map.put(RETENTION_BYTES, retentionBytes);
        map.put(CLEANUP_POLICY, delete && compact ? "compact,delete" : compact ? "compact" : "delete");
        map.put(DELETE_RETENTION_MS, deleteRetention.toMillis());
        map.put(MIN_CLEANABLE_DIRTY_RATIO, minCleanableDirtyRatio);
        map.put(MIN_COMPACTION_LAG_MS, minCompactionLag.toMillis());
        map.put(MAX_MESSAGE_BYTES, maxMessageBytes);
        map.put(MESSAGE_TIMESTAMP_TYPE, timestampType.configName);
        map.put(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, timestampBeforeMax.toMillis());
        map.put(MESSAGE_TIMESTAMP_AFTER_MAX_MS, timestampAfterMax.toMillis());
        map.put(FILE_DELETE_DELAY_MS, fileDeleteDelay.toMillis());
        map.put(MIN_IN_SYNC_REPLICAS, minInSyncReplicas);
        return map;
    }
}
