package io.runnel.state;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Map;

/**
 * Builds a store with its layers: typed facade, then (optional) record cache, then (optional) change logging, then
 * the supplied byte-level store. Immutable: each {@code withX} returns a new builder, so chain the calls (as Kafka
 * code usually does). Logging is enabled and caching disabled by default, as in Kafka Streams.
 */
@CheckReturnValue
public interface StoreBuilder<T extends StateStore> {

    StoreBuilder<T> withCachingEnabled();

    StoreBuilder<T> withCachingDisabled();

    /**
     * Logs every change to the store's changelog topic.
     *
     * @param config topic configs for the changelog topic (for example {@code min.insync.replicas}); the runtime
     *     creates the topic compacted (windowed stores: compacted and deleted after retention)
     */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    StoreBuilder<T> withLoggingDisabled();

    /** A new store. */
    T build();

    Map<String, String> logConfig();

    boolean loggingEnabled();

    boolean cachingEnabled();

    String name();
}
