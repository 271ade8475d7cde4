package io.runnel.streams.processor.internal;

import io.runnel.common.serialization.Serializer;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TopicNameExtractor;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

/** A sink node's processor: serializes each record and sends it to its topic through the task's collector. */
final class SinkProcessor implements Processor<Object, Object, Object, Object> {
    private final @Nullable String topic;
    private final @Nullable TopicNameExtractor<Object, Object> extractor;
    private final Serializer<Object> keySerializer;
    private final Serializer<Object> valueSerializer;
    private @Nullable ProcessorContextImpl context;

    SinkProcessor(
            @Nullable String topic,
            @Nullable TopicNameExtractor<Object, Object> extractor,
            Serializer<Object> keySerializer,
            Serializer<Object> valueSerializer) {
        this.topic = topic;
        this.extractor = extractor;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = (ProcessorContextImpl) context;
    }

    @Override
    public void process(Record<Object, Object> record) {
        ProcessorContextImpl ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("sink used before init");
        }
        String target = topic;
        if (target == null) {
            TopicNameExtractor<Object, Object> e = extractor;
            target = e == null ? null : e.extract(record.key(), record.value(), ctx);
            if (target == null || target.isEmpty()) {
                throw new StreamsException(
                        "The topic name extractor of sink " + ctx.currentNode().name()
                                + " returned no topic for a record of " + ctx.topic() + " offset " + ctx.offset());
            }
        }
        byte[] key;
        byte[] value;
        try {
            key = keySerializer.serialize(target, record.headers(), record.key());
            value = valueSerializer.serialize(target, record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new StreamsException(
                    "Sink " + ctx.currentNode().name() + " cannot serialize a record for topic "
                            + target + " (key class " + className(record.key()) + ", value class "
                            + className(record.value()) + "); check the serdes given to to()/addSink",
                    e);
        }
        ctx.recordCollector().send(target, key, value, record.headers(), record.timestamp());
    }

    private static String className(@Nullable Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
