package io.runnel.streams.processor.api;

/**
 * A node of a topology that receives records and may forward others. An instance serves one task; the task's thread
 * calls {@code init} once, then {@code process} per record, then {@code close}.
 */
public interface Processor<KIn, VIn, KOut, VOut> {

    /** Called once before the first record; keep the context to forward records and reach stores. */
    default void init(ProcessorContext<KOut, VOut> context) {}

    void process(Record<KIn, VIn> record);

    /** Called once when the task closes; release what {@code init} acquired (not the stores: the task owns them). */
    default void close() {}
}
