package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.common.errors.NetworkException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A scripted {@link KafkaClient} for stepping I/O loops: every node is ready, sent requests queue up for the test to
 * answer ({@link #respond}, {@link #disconnect}), and answers run their handlers on the next {@link #poll}. Requests of
 * an API with an auto-responder are answered without the test. Not thread-safe (one test thread).
 */
public final class MockClient implements KafkaClient {
    /** A request the loop sent. */
    public record Sent(Node node, ApiKey apiKey, Message body, ResponseHandler handler) {}

    private final Deque<Sent> sent = new ArrayDeque<>();
    private final List<Runnable> completions = new ArrayList<>();
    private final java.util.Map<ApiKey, Function<Message, Message>> autoResponders =
            new java.util.EnumMap<>(ApiKey.class);

    /** Answers every request of {@code apiKey} with {@code responder}'s response. */
    public void autoRespond(ApiKey apiKey, Function<Message, Message> responder) {
        autoResponders.put(apiKey, responder);
    }

    /** The oldest unanswered request, removed. */
    public Sent next() {
        Sent request = sent.pollFirst();
        if (request == null) {
            throw new AssertionError("no request was sent");
        }
        return request;
    }

    /** Unanswered requests. */
    public int inFlight() {
        return sent.size();
    }

    /** Answers {@code request} on the next poll. */
    public void respond(Sent request, Message response) {
        completions.add(() -> request.handler().onResponse(response));
    }

    /** Fails {@code request} as a broken connection would, on the next poll. */
    public void disconnect(Sent request) {
        completions.add(() -> request.handler().onFailure(new NetworkException("scripted disconnection")));
    }

    @Override
    public boolean isReady(Node node) {
        return true;
    }

    @Override
    public boolean ready(Node node, long nowMs) {
        return true;
    }

    @Override
    public boolean canConnect(Node node, long nowMs) {
        return true;
    }

    @Override
    public boolean isConnecting(Node node) {
        return false;
    }

    @Override
    public int pendingRequests(Node node) {
        int count = 0;
        for (Sent request : sent) {
            if (request.node().equals(node)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean hasPendingRequests() {
        return !sent.isEmpty();
    }

    @Override
    public @Nullable Node leastLoadedNode(List<Node> candidates, long nowMs) {
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    @Override
    public void send(
            Node node,
            ApiKey apiKey,
            Message body,
            ResponseHandler handler,
            boolean expectResponse,
            long nowMs,
            long timeoutMs) {
        Function<Message, Message> responder = autoResponders.get(apiKey);
        if (responder != null) {
            Message response = responder.apply(body);
            completions.add(() -> handler.onResponse(response));
        } else {
            sent.addLast(new Sent(node, apiKey, body, handler));
        }
    }

    @Override
    public void disconnect(Node node) {
        sent.removeIf(request -> {
            if (request.node().equals(node)) {
                disconnect(request);
                return true;
            }
            return false;
        });
    }

    @Override
    public void poll(long timeoutMs, long nowMs) {
        List<Runnable> batch = new ArrayList<>(completions);
        completions.clear();
        batch.forEach(Runnable::run);
    }

    @Override
    public void wakeup() {}

    @Override
    public void close() {
        sent.forEach(this::disconnect);
        sent.clear();
        poll(0, 0);
    }
}
