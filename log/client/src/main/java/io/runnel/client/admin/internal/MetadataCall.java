package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataRequest;
import io.runnel.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A Metadata request for some topics (or all), never creating topics, whose response goes to a handler. */
final class MetadataCall extends Call {
    private static final UUID NO_TOPIC_ID = new UUID(0L, 0L);

    private final @Nullable List<String> topics;
    private final BiConsumer<MetadataResponse, AdminRunner> onResponse;
    private final Consumer<Throwable> onFailure;

    /**
     * @param topics the topics, or null for every topic
     */
    MetadataCall(
            String name,
            long deadlineMs,
            @Nullable Collection<String> topics,
            BiConsumer<MetadataResponse, AdminRunner> onResponse,
            Consumer<Throwable> onFailure) {
        super(name, deadlineMs);
        this.topics = topics == null ? null : List.copyOf(topics);
        this.onResponse = onResponse;
        this.onFailure = onFailure;
    }

    @Override
    protected @Nullable Node target(Targets targets) {
        return targets.any();
    }

    @Override
    protected ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    protected Message request(int timeoutMs) {
        List<MetadataRequest.MetadataRequestTopic> requested = null;
        if (topics != null) {
            requested = new ArrayList<>(topics.size());
            for (String topic : topics) {
                requested.add(new MetadataRequest.MetadataRequestTopic(NO_TOPIC_ID, topic));
            }
        }
        return new MetadataRequest(requested, false, false);
    }

    @Override
    protected void handle(Message response, AdminRunner runner) {
        onResponse.accept((MetadataResponse) response, runner);
    }

    @Override
    protected void fail(Throwable error) {
        onFailure.accept(error);
    }
}
