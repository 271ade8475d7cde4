package io.runnel.client.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Combining per-item futures, for the results' {@code all()}. */
final class Futures {
    private Futures() {}

    /** Completes with every value once all complete, or with the first failure. */
    static <K, V> CompletableFuture<Map<K, V>> allOf(Map<K, CompletableFuture<V>> futures) {
        return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> {
                    Map<K, V> values = new LinkedHashMap<>();
                    futures.forEach((key, future) -> values.put(key, future.join()));
                    return values;
                });
    }

    /** Completes when all complete, or with the first failure. */
    static CompletableFuture<Void> all(Map<?, ? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]));
    }

    /** The futures' values mapped to {@code Void}. */
    static <K> Map<K, CompletableFuture<Void>> voids(Map<K, ? extends CompletableFuture<?>> futures) {
        Map<K, CompletableFuture<Void>> voids = new LinkedHashMap<>();
        futures.forEach((key, future) -> voids.put(key, future.thenApply(ignored -> null)));
        return voids;
    }
}
