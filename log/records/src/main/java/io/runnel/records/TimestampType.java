package io.runnel.records;

/** Whose clock stamped a record: the producer's ({@code CreateTime}) or the broker's ({@code LogAppendTime}). */
public enum TimestampType {
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    /** The id used by Kafka's protocol. */
    public final int id;
    /** The name used by {@code message.timestamp.type}. */
    public final String configName;

    TimestampType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
