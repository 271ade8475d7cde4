package io.runnel.client.admin;

import java.util.Objects;
import java.util.UUID;

/**
 * A listed topic, as Kafka's {@code TopicListing}. Immutable.
 *
 * @param name the topic name
 * @param topicId its id
 * @param isInternal whether it is an internal topic
 */
public record TopicListing(String name, UUID topicId, boolean isInternal) {
    public TopicListing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicId, "topicId");
    }
}
