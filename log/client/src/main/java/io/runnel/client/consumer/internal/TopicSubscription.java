package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.common.TopicPartition;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the consumer gets its partitions: none yet, {@code subscribe} to topics or a pattern (the group assigns them), or
 * {@code assign} (the application picks them). The two ways exclude each other, as in Kafka. For a pattern, the
 * subscribed topics are the matching topics of the latest metadata.
 *
 * <p>Thread-safe: the application thread changes it, the I/O thread reads it and matches the pattern.
 */
public final class TopicSubscription {
    /** The way partitions are chosen. */
    public enum Type {
        NONE,
        AUTO_TOPICS,
        AUTO_PATTERN,
        USER_ASSIGNED
    }

    private static final ConsumerRebalanceListener NO_OP = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    };

    private Type type = Type.NONE;
    private Set<String> topics = Set.of();
    private @Nullable Pattern pattern;
    private ConsumerRebalanceListener listener = NO_OP;

    /**
     * Subscribes to {@code newTopics}.
     *
     * @return whether the subscribed topics changed
     * @throws IllegalStateException if partitions are assigned manually
     */
    public synchronized boolean subscribe(Set<String> newTopics, @Nullable ConsumerRebalanceListener newListener) {
        requireType(Type.AUTO_TOPICS);
        type = Type.AUTO_TOPICS;
        pattern = null;
        listener = newListener == null ? NO_OP : newListener;
        return replaceTopics(newTopics);
    }

    /**
     * Subscribes to the topics matching {@code newPattern}; they are found in the next metadata ({@link #match}).
     *
     * @throws IllegalStateException if partitions are assigned manually
     */
    public synchronized void subscribe(Pattern newPattern, @Nullable ConsumerRebalanceListener newListener) {
        requireType(Type.AUTO_PATTERN);
        type = Type.AUTO_PATTERN;
        pattern = newPattern;
        listener = newListener == null ? NO_OP : newListener;
    }

    /**
     * Records that the application assigns partitions itself.
     *
     * @throws IllegalStateException if the consumer is subscribed
     */
    public synchronized void assignManually() {
        requireType(Type.USER_ASSIGNED);
        type = Type.USER_ASSIGNED;
    }

    /** Back to no subscription and no assignment. */
    public synchronized void unsubscribe() {
        type = Type.NONE;
        topics = Set.of();
        pattern = null;
        listener = NO_OP;
    }

    /**
     * With a pattern subscription, makes the subscribed topics those of {@code allTopics} that match. I/O thread.
     *
     * @return whether the subscribed topics changed
     */
    public synchronized boolean match(Collection<String> allTopics) {
        Pattern current = pattern;
        if (type != Type.AUTO_PATTERN || current == null) {
            return false;
        }
        Set<String> matching = new HashSet<>();
        for (String topic : allTopics) {
            if (current.matcher(topic).matches()) {
                matching.add(topic);
            }
        }
        return replaceTopics(matching);
    }

    private boolean replaceTopics(Set<String> newTopics) {
        Set<String> copy = Set.copyOf(newTopics);
        boolean changed = !copy.equals(topics);
        topics = copy;
        return changed;
    }

    private void requireType(Type wanted) {
        if (type != Type.NONE && type != wanted) {
            throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
        }
    }

    public synchronized Type type() {
        return type;
    }

    /** Whether the group assigns the partitions (a topic or pattern subscription). */
    public synchronized boolean isAutoAssigned() {
        return type == Type.AUTO_TOPICS || type == Type.AUTO_PATTERN;
    }

    public synchronized boolean hasPattern() {
        return type == Type.AUTO_PATTERN;
    }

    /** The subscribed topics, sorted. */
    public synchronized Set<String> topics() {
        return new TreeSet<>(topics);
    }

    public synchronized ConsumerRebalanceListener listener() {
        return listener;
    }
}
