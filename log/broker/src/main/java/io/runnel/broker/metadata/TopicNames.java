package io.runnel.broker.metadata;

import io.runnel.common.errors.InvalidTopicException;

/** Kafka's rules for topic names. */
public final class TopicNames {
    /** Kafka's limit: 249 characters, so that a partition directory name fits in 255. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {}

    /**
     * @throws InvalidTopicException naming the problem if {@code name} is not a legal topic name
     */
    public static void validate(String name) {
        if (name.isEmpty()) {
            throw new InvalidTopicException("topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("topic name cannot be '.' or '..'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException(
                    "topic name is " + name.length() + " characters, more than the limit of " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!legal) {
                throw new InvalidTopicException("topic name '" + name + "' has illegal character '" + c
                        + "': only ASCII letters, digits, '.', '_' and '-' are allowed");
            }
        }
    }
}
