package io.runnel.streams.processor.api;

import io.runnel.state.StoreBuilder;
import java.util.Set;

/** A supplier that brings the stores its processors use; they are added and connected with it. */
public interface ConnectedStoreProvider {
    default Set<StoreBuilder<?>> stores() {
        return Set.of();
    }
}
