package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.DescribeClusterRequest;
import io.runnel.protocol.message.DescribeClusterResponse;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** DescribeCluster. */
public final class ClusterCalls {
    /** DescribeCluster's endpoint type for brokers (as opposed to controllers). */
    private static final byte BROKER_ENDPOINTS = 1;

    private ClusterCalls() {}

    /** Describes the cluster: its brokers, controller and id. */
    public static Call describeCluster(
            CompletableFuture<Collection<Node>> nodes,
            CompletableFuture<@Nullable Node> controller,
            CompletableFuture<String> clusterId,
            long deadlineMs) {
        return new Call("DescribeCluster", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.any();
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.DESCRIBE_CLUSTER;
            }

            @Override
            protected Message request(int timeoutMs) {
                return new DescribeClusterRequest(false, BROKER_ENDPOINTS);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                DescribeClusterResponse cluster = (DescribeClusterResponse) response;
                RunnelException error = AdminErrors.exception(cluster.errorCode(), cluster.errorMessage());
                if (error != null) {
                    fail(error);
                    return;
                }
                List<Node> brokers = new ArrayList<>();
                Node controllerNode = null;
                for (DescribeClusterResponse.DescribeClusterBroker broker : cluster.brokers()) {
                    Node node = new Node(broker.brokerId(), broker.host(), broker.port(), broker.rack());
                    brokers.add(node);
                    if (broker.brokerId() == cluster.controllerId()) {
                        controllerNode = node;
                    }
                }
                nodes.complete(List.copyOf(brokers));
                controller.complete(controllerNode);
                clusterId.complete(cluster.clusterId());
            }

            @Override
            protected void fail(Throwable error) {
                nodes.completeExceptionally(error);
                controller.completeExceptionally(error);
                clusterId.completeExceptionally(error);
            }
        };
    }
}
