package io.runnel.client.admin;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The outcome of {@link Admin#listConsumerGroups}. The groups are listed by every broker, each for the groups it
 * coordinates; {@link #valid()} holds what the brokers that answered listed, {@link #errors()} why the others did not.
 */
public final class ListConsumerGroupsResult {
    private final CompletableFuture<Collection<ConsumerGroupListing>> valid;
    private final CompletableFuture<Collection<Throwable>> errors;

    ListConsumerGroupsResult(
            CompletableFuture<Collection<ConsumerGroupListing>> valid,
            CompletableFuture<Collection<Throwable>> errors) {
        this.valid = valid;
        this.errors = errors;
    }

    /** Every group, or the first error if a broker could not list its groups. */
    public CompletableFuture<Collection<ConsumerGroupListing>> all() {
        return valid.thenCombine(errors, (listings, failures) -> {
            if (!failures.isEmpty()) {
                throw new CompletionException(failures.iterator().next());
            }
            return List.copyOf(listings);
        });
    }

    /** The groups listed by the brokers that answered. */
    public CompletableFuture<Collection<ConsumerGroupListing>> valid() {
        return valid;
    }

    /** Why some brokers did not list their groups; empty when all did. */
    public CompletableFuture<Collection<Throwable>> errors() {
        return errors;
    }
}
