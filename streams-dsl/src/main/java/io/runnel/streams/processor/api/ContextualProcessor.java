package io.runnel.streams.processor.api;

import org.jspecify.annotations.Nullable;

/** A {@link Processor} that keeps its context; subclasses call {@link #context()}. */
public abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private @Nullable ProcessorContext<KOut, VOut> context;

    protected ContextualProcessor() {}

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    /** @throws IllegalStateException before {@code init} */
    protected final ProcessorContext<KOut, VOut> context() {
        ProcessorContext<KOut, VOut> c = context;
        if (c == null) {
            throw new IllegalStateException("context() called before init()");
        }
        return c;
    }
}
