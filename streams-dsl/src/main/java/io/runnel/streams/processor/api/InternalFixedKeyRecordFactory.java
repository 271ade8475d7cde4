package io.runnel.streams.processor.api;

/** Lets the framework turn records into fixed-key records; applications never need it (Kafka has the same class). */
public final class InternalFixedKeyRecordFactory {
    private InternalFixedKeyRecordFactory() {}

    public static <K, V> FixedKeyRecord<K, V> create(Record<K, V> record) {
        return new FixedKeyRecord<>(record.key(), record.value(), record.timestamp(), record.headers());
    }

    public static <K, V> Record<K, V> toRecord(FixedKeyRecord<K, V> record) {
        return new Record<>(record.key(), record.value(), record.timestamp()).withHeaders(record.headers());
    }
}
