package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.FindCoordinatorResponse;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Sends group calls to each group's coordinator. One FindCoordinator request (key type 0, the group ids batched in
 * {@code CoordinatorKeys}) goes to any broker; the groups are then grouped by coordinator and each coordinator gets
 * one call for its groups. A group whose coordinator is loading, not available, or has moved ({@code
 * COORDINATOR_LOAD_IN_PROGRESS}, {@code COORDINATOR_NOT_AVAILABLE}, {@code NOT_COORDINATOR}), whether FindCoordinator
 * or the coordinator itself says so, starts over from FindCoordinator after {@code retry.backoff.ms}, until the call's
 * deadline. Any other error fails that group only.
 */
final class CoordinatorRouting {
    /** FindCoordinator's key type for a group (1 is a transactional id). */
    private static final byte GROUP_KEY_TYPE = 0;

    private CoordinatorRouting() {}

    /** Builds the call to one coordinator for some groups; {@code restart} starts over for groups it must retry. */
    @FunctionalInterface
    interface OnCoordinator {
        Call create(Node coordinator, List<String> groups, Restart restart);
    }

    /** Starts over from FindCoordinator, after the backoff, for the groups that failed with {@code cause}. */
    @FunctionalInterface
    interface Restart {
        void later(AdminRunner runner, Collection<String> groups, RuntimeException cause);
    }

    /** Whether {@code code} means the group's coordinator must be found again. */
    static boolean coordinatorMoved(short code) {
        return code == Errors.COORDINATOR_LOAD_IN_PROGRESS.code()
                || code == Errors.COORDINATOR_NOT_AVAILABLE.code()
                || code == Errors.NOT_COORDINATOR.code();
    }

    /**
     * The FindCoordinator call for {@code groups}.
     *
     * @param failGroup fails whatever futures belong to one group
     */
    static Call route(
            String name,
            Collection<String> groups,
            long deadlineMs,
            BiConsumer<String, Throwable> failGroup,
            OnCoordinator onCoordinator) {
        List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(groups));
        Restart restart = (runner, again, cause) ->
                runner.retryLater(route(name, again, deadlineMs, failGroup, onCoordinator), cause);
        return new Call(name + "(FindCoordinator)", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.any();
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.FIND_COORDINATOR;
            }

            @Override
            protected Message request(int timeoutMs) {
                return new FindCoordinatorRequest(GROUP_KEY_TYPE, keys);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                Map<Node, List<String>> byCoordinator = new LinkedHashMap<>();
                Retries retries = new Retries();
                Set<String> unanswered = new HashSet<>(keys);
                for (FindCoordinatorResponse.Coordinator coordinator :
                        ((FindCoordinatorResponse) response).coordinators()) {
                    if (!unanswered.remove(coordinator.key())) {
                        continue;
                    }
                    RunnelException error = AdminErrors.exception(coordinator.errorCode(), coordinator.errorMessage());
                    if (error == null) {
                        Node node = new Node(coordinator.nodeId(), coordinator.host(), coordinator.port());
                        byCoordinator
                                .computeIfAbsent(node, n -> new ArrayList<>())
                                .add(coordinator.key());
                    } else if (coordinatorMoved(coordinator.errorCode())) {
                        retries.add(coordinator.key(), error);
                    } else {
                        failGroup.accept(coordinator.key(), error);
                    }
                }
                unanswered.forEach(group -> failGroup.accept(
                        group, new RunnelException("the broker did not answer FindCoordinator for group " + group)));
                byCoordinator.forEach((node, forNode) -> runner.enqueue(onCoordinator.create(node, forNode, restart)));
                retries.restartIfAny(runner, restart);
            }

            @Override
            protected void fail(Throwable error) {
                keys.forEach(group -> failGroup.accept(group, error));
            }
        };
    }

    /** A call to a group coordinator known from FindCoordinator, for some groups. */
    abstract static class CoordinatorCall extends Call {
        final Node coordinator;
        final List<String> groups;
        private final BiConsumer<String, Throwable> failGroup;

        CoordinatorCall(
                String name,
                long deadlineMs,
                Node coordinator,
                List<String> groups,
                BiConsumer<String, Throwable> failGroup) {
            super(name, deadlineMs);
            this.coordinator = coordinator;
            this.groups = List.copyOf(groups);
            this.failGroup = failGroup;
        }

        @Override
        protected final Node target(Targets targets) {
            return coordinator;
        }

        @Override
        protected final void fail(Throwable error) {
            groups.forEach(group -> failGroup.accept(group, error));
        }
    }

    /** Fails the groups of a map of futures by group id. */
    static BiConsumer<String, Throwable> failing(Map<String, ? extends CompletableFuture<?>> futures) {
        return (group, error) -> Call.required(futures, group).completeExceptionally(error);
    }

    /** The groups keyed by coordinator error in a response, and a cause to report if they time out. */
    static final class Retries {
        private final List<String> groups = new ArrayList<>();
        private @Nullable RuntimeException cause;

        void add(String group, RuntimeException error) {
            groups.add(group);
            cause = error;
        }

        boolean contains(String group) {
            return groups.contains(group);
        }

        void restartIfAny(AdminRunner runner, Restart restart) {
            if (cause != null) {
                restart.later(runner, groups, cause);
            }
        }
    }
}
