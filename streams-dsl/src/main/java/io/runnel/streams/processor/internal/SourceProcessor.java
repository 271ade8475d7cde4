package io.runnel.streams.processor.internal;

import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A source node's processor: hands each deserialized input record to its children. */
final class SourceProcessor implements Processor<Object, Object, Object, Object> {
    private @Nullable ProcessorContext<Object, Object> context;

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Object> record) {
        Objects.requireNonNull(context, "source used before init").forward(record);
    }
}
