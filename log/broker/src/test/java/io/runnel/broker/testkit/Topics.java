package io.runnel.broker.testkit;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.TopicDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Creating and deleting topics in suites that run on both brokers. Kafka's controller answers CreateTopics and
 * DeleteTopics once the change is committed, and the broker learns it a moment later, so right after the answer the
 * broker may still not know a new topic or still list a deleted one (Runnel's broker answers only once it hosts the
 * partitions). Kafka's own test utilities wait for the change to reach the broker; these do the same.
 */
public final class Topics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Topics() {}

    /** Creates {@code topic} and waits until the broker describes every partition with a leader. */
    public static void create(Admin admin, NewTopic topic) throws Exception {
        admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        awaitCreated(admin, topic.name());
    }

    /** Waits until the broker describes every partition of {@code topic} with a leader. */
    public static void awaitCreated(Admin admin, String topic) {
        Awaitility.await("topic " + topic + " served with a leader for every partition")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> {
                    Map<String, TopicDescription> described =
                            admin.describeTopics(List.of(topic)).allTopicNames().get();
                    TopicDescription description = described.get(topic);
                    return description != null
                            && !description.partitions().isEmpty()
                            && description.partitions().stream().allMatch(p -> p.leader() != null);
                });
    }

    /** Waits until the broker no longer lists {@code topic}. */
    public static void awaitDeleted(Admin admin, String topic) {
        Awaitility.await("topic " + topic + " gone from the broker's listing")
                .atMost(TIMEOUT)
                .until(() -> !admin.listTopics().names().get().contains(topic));
    }
}
