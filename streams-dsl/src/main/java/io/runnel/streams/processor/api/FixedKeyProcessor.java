package io.runnel.streams.processor.api;

/** A processor that cannot change keys; see {@link Processor} for the life cycle. */
public interface FixedKeyProcessor<KIn, VIn, VOut> {

    default void init(FixedKeyProcessorContext<KIn, VOut> context) {}

    void process(FixedKeyRecord<KIn, VIn> record);

    default void close() {}
}
