package io.runnel.client.admin;

import io.runnel.client.Node;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The outcome of {@link Admin#describeCluster}. */
public final class DescribeClusterResult {
    private final CompletableFuture<Collection<Node>> nodes;
    private final CompletableFuture<@Nullable Node> controller;
    private final CompletableFuture<String> clusterId;

    DescribeClusterResult(
            CompletableFuture<Collection<Node>> nodes,
            CompletableFuture<@Nullable Node> controller,
            CompletableFuture<String> clusterId) {
        this.nodes = nodes;
        this.controller = controller;
        this.clusterId = clusterId;
    }

    /** The brokers. */
    public CompletableFuture<Collection<Node>> nodes() {
        return nodes;
    }

    /** The controller, or null if there is none now. */
    public CompletableFuture<@Nullable Node> controller() {
        return controller;
    }

    public CompletableFuture<String> clusterId() {
        return clusterId;
    }
}
