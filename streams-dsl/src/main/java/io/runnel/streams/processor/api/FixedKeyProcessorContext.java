package io.runnel.streams.processor.api;

/** The context of a {@link FixedKeyProcessor}: forwards records whose key it cannot change. */
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {

    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    /** @throws io.runnel.streams.errors.StreamsException if the processor has no child of that name */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);
}
