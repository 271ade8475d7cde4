package io.runnel.streams.processor.api;

/** The context of a {@link Processor}: forwards records to the processor's children. */
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {

    /** Sends the record to every child. */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Sends the record to one child.
     *
     * @throws io.runnel.streams.errors.StreamsException if the processor has no child of that name
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
