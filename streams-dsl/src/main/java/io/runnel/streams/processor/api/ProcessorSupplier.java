package io.runnel.streams.processor.api;

/** Creates a new {@link Processor} per task: {@code get()} must return a fresh instance on every call. */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends ConnectedStoreProvider {
    Processor<KIn, VIn, KOut, VOut> get();
}
