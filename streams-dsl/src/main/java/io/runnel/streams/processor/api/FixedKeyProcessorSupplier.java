package io.runnel.streams.processor.api;

/** Creates a new {@link FixedKeyProcessor} per task: {@code get()} must return a fresh instance on every call. */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut> extends ConnectedStoreProvider {
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
