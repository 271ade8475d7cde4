package io.runnel.streams.processor.internal;

import io.runnel.state.StoreBuilder;
import io.runnel.streams.processor.api.FixedKeyProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessorContext;
import io.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import io.runnel.streams.processor.api.InternalFixedKeyRecordFactory;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.ProcessorSupplier;
import io.runnel.streams.processor.api.Record;
import java.util.Objects;
import java.util.Set;

/** Runs a {@link FixedKeyProcessor} as a node: the task's context serves both kinds of processor. */
public final class FixedKeyProcessorAdapter implements Processor<Object, Object, Object, Object> {
    private final FixedKeyProcessor<Object, Object, Object> delegate;

    FixedKeyProcessorAdapter(FixedKeyProcessor<Object, Object, Object> delegate) {
        this.delegate = delegate;
    }

    /** A processor supplier that runs the fixed-key processors of {@code supplier}, with its stores. */
    @SuppressWarnings("unchecked")
    public static <KIn, VIn, VOut> ProcessorSupplier<Object, Object, Object, Object> supplier(
            FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        return new ProcessorSupplier<>() {
            @Override
            public Processor<Object, Object, Object, Object> get() {
                return new FixedKeyProcessorAdapter((FixedKeyProcessor<Object, Object, Object>) supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Object, Object> context) {
        delegate.init((FixedKeyProcessorContext<Object, Object>) (FixedKeyProcessorContext<?, ?>) context);
    }

    @Override
    public void process(Record<Object, Object> record) {
        delegate.process(InternalFixedKeyRecordFactory.create(record));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
