package io.runnel.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A {@code --topic} argument of the group commands: {@code TOPIC} for every partition of the topic, or {@code
 * TOPIC:P[,P...]} for some, as {@code kafka-consumer-groups.sh} takes it.
 *
 * @param topic the topic
 * @param partitions the partitions named, or empty for all
 */
record TopicPartitions(String topic, List<Integer> partitions) {
    TopicPartitions {
        partitions = List.copyOf(partitions);
    }

    /** Parses {@code TOPIC[:P[,P...]]} for picocli; a bad value exits with 2. */
    static final class Converter implements CommandLine.ITypeConverter<TopicPartitions> {
        @Override
        public TopicPartitions convert(String value) {
            int colon = value.indexOf(':');
            String topic = colon < 0 ? value : value.substring(0, colon);
            if (topic.isEmpty()) {
                throw new CommandLine.TypeConversionException("no topic before ':' in '" + value + "'");
            }
            List<Integer> partitions = new ArrayList<>();
            if (colon >= 0) {
                for (String part : value.substring(colon + 1).split(",", -1)) {
                    partitions.add(partition(part.trim(), value));
                }
            }
            return new TopicPartitions(topic, partitions);
        }

        private static int partition(String part, String value) {
            if (part.matches("[0-9]{1,9}")) {
                return Integer.parseInt(part);
            }
            throw new CommandLine.TypeConversionException(
                    "partitions must be numbers >= 0, as TOPIC:0,1,2: '" + value + "'");
        }
    }
}
