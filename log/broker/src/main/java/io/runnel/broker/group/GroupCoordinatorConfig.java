package io.runnel.broker.group;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;

/**
 * The group coordinator's configuration, with Kafka's broker key names and defaults. Immutable.
 *
 * @param offsetsTopicPartitions {@code offsets.topic.num.partitions}: partitions of {@code __consumer_offsets}, fixed
 *     once the topic exists (a group's partition is the hash of its id modulo this count)
 * @param offsetsTopicReplicationFactor {@code offsets.topic.replication.factor}
 * @param offsetsTopicSegmentBytes {@code offsets.topic.segment.bytes}: segment size of {@code __consumer_offsets}
 * @param offsetsRetention {@code offsets.retention.minutes}: how long the offsets of a group without members are kept
 * @param offsetsRetentionCheckInterval {@code offsets.retention.check.interval.ms}
 * @param offsetMetadataMaxBytes {@code offset.metadata.max.bytes}: the longest metadata string of a commit
 * @param minSessionTimeout {@code group.min.session.timeout.ms}
 * @param maxSessionTimeout {@code group.max.session.timeout.ms}
 * @param initialRebalanceDelay {@code group.initial.rebalance.delay.ms}: how long the first rebalance of an empty
 *     group waits for more members, extended by the same again while members keep joining
 * @param maxGroupSize {@code group.max.size}
 */
public record GroupCoordinatorConfig(
        int offsetsTopicPartitions,
        int offsetsTopicReplicationFactor,
        int offsetsTopicSegmentBytes,
        Duration offsetsRetention,
        Duration offsetsRetentionCheckInterval,
        int offsetMetadataMaxBytes,
        Duration minSessionTimeout,
        Duration maxSessionTimeout,
        Duration initialRebalanceDelay,
        int maxGroupSize) {

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(
                    "offsets.topic.num.partitions",
                    Type.INT,
                    50,
                    Validator.atLeast(1),
                    "Partitions of the __consumer_offsets topic; cannot change once it exists.")
            .define(
                    "offsets.topic.replication.factor",
                    Type.INT,
                    1,
                    Validator.atLeast(1),
                    "Replication factor of the __consumer_offsets topic (Kafka's default is 3; a Runnel broker"
                            + " keeps one copy of each partition).")
            .define(
                    "offsets.topic.segment.bytes",
                    Type.INT,
                    100 * 1024 * 1024,
                    Validator.atLeast(1024),
                    "Segment size of the __consumer_offsets topic.")
            .define(
                    "offsets.retention.minutes",
                    Type.INT,
                    7 * 24 * 60,
                    Validator.atLeast(1),
                    "How long the committed offsets of a group without members are kept.")
            .define(
                    "offsets.retention.check.interval.ms",
                    Type.LONG,
                    600_000L,
                    Validator.atLeast(1),
                    "How often expired offsets are removed.")
            .define(
                    "offset.metadata.max.bytes",
                    Type.INT,
                    4096,
                    Validator.atLeast(0),
                    "The longest metadata string an offset commit may carry.")
            .define(
                    "group.min.session.timeout.ms",
                    Type.INT,
                    6000,
                    Validator.atLeast(0),
                    "The shortest session timeout a member may ask for.")
            .define(
                    "group.max.session.timeout.ms",
                    Type.INT,
                    1_800_000,
                    Validator.atLeast(0),
                    "The longest session timeout a member may ask for.")
            .define(
                    "group.initial.rebalance.delay.ms",
                    Type.INT,
                    3000,
                    Validator.atLeast(0),
                    "How long the first rebalance of an empty group waits for more members to join.")
            .define(
                    "group.max.size",
                    Type.INT,
                    Integer.MAX_VALUE,
                    Validator.atLeast(1),
                    "The most members a group may have.")
            .build();

    public GroupCoordinatorConfig {
        if (minSessionTimeout.compareTo(maxSessionTimeout) > 0) {
            throw new InvalidConfigurationException("group.min.session.timeout.ms (" + minSessionTimeout.toMillis()
                    + ") must not exceed group.max.session.timeout.ms (" + maxSessionTimeout.toMillis() + ")");
        }
    }

    /** Kafka's defaults. */
    public static GroupCoordinatorConfig defaults() {
        return fromMap(Map.of());
    }

    /**
     * Parses the keys of {@link #DEFINITION}.
     *
     * @throws InvalidConfigurationException for an unknown key or a bad value
     */
    public static GroupCoordinatorConfig fromMap(Map<String, ?> properties) {
        ConfigValues v = DEFINITION.parse(properties);
        return new GroupCoordinatorConfig(
                v.getInt("offsets.topic.num.partitions"),
                v.getInt("offsets.topic.replication.factor"),
                v.getInt("offsets.topic.segment.bytes"),
                Duration.ofMinutes(v.getInt("offsets.retention.minutes")),
                Duration.ofMillis(v.getLong("offsets.retention.check.interval.ms")),
                v.getInt("offset.metadata.max.bytes"),
                Duration.ofMillis(v.getInt("group.min.session.timeout.ms")),
                Duration.ofMillis(v.getInt("group.max.session.timeout.ms")),
                Duration.ofMillis(v.getInt("group.initial.rebalance.delay.ms")),
                v.getInt("group.max.size"));
    }
}
