package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.KStream;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Creates source streams for {@code StreamsBuilder}. */
public final class SourceStreams {
    private SourceStreams() {}

    public static <K, V> KStream<K, V> stream(
            InternalStreamsBuilder builder, Collection<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics cannot be null");
        Options.ConsumedInternal<K, V> c =
                new Options.ConsumedInternal<>(Objects.requireNonNull(consumed, "consumed cannot be null"));
        String given = c.name();
        String name = given != null ? given : builder.newProcessorName(KStreamImpl.SOURCE_NAME);
        Serde<K> ks = c.keySerde();
        Serde<V> vs = c.valueSerde();
        builder.topology()
                .addSource(
                        name,
                        List.copyOf(topics),
                        ks == null ? null : ks.deserializer(),
                        vs == null ? null : vs.deserializer(),
                        c.timestampExtractor());
        return new KStreamImpl<>(builder, name, false, ks, vs);
    }
}
