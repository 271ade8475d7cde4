package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerConfig;
import io.runnel.client.consumer.ConsumerPartitionAssignor;
import io.runnel.client.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.runnel.client.consumer.CooperativeStickyAssignor;
import io.runnel.client.consumer.RangeAssignor;
import io.runnel.client.consumer.RoundRobinAssignor;
import io.runnel.client.consumer.StickyAssignor;
import io.runnel.client.internal.Plugins;
import io.runnel.common.errors.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns {@code partition.assignment.strategy} into assignors. Each built-in assignor answers to its short name, Runnel's
 * class name and Kafka's class name, so a Kafka configuration works unchanged; any other name must be a class
 * implementing {@link ConsumerPartitionAssignor}. Stateless.
 */
public final class Assignors {
    private Assignors() {}

    /**
     * New assignors, in the order given.
     *
     * @throws InvalidConfigurationException for an unknown name, a class that is not an assignor, or two assignors of
     *     the same name
     */
    public static List<ConsumerPartitionAssignor> create(List<String> names) {
        List<ConsumerPartitionAssignor> assignors = new ArrayList<>();
        Set<String> protocolNames = new HashSet<>();
        for (String name : names) {
            ConsumerPartitionAssignor assignor = builtIn(name.trim()).get();
            if (!protocolNames.add(assignor.name())) {
                throw new InvalidConfigurationException("The assignor name: '" + assignor.name() + "' is used in more"
                        + " than one assignor in " + ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
            }
            assignors.add(assignor);
        }
        return assignors;
    }

    private static Supplier<ConsumerPartitionAssignor> builtIn(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        boolean known = !name.contains(".")
                || name.startsWith("org.apache.kafka.clients.consumer.")
                || name.startsWith("io.runnel.client.consumer.");
        if (known) {
            switch (simple.toLowerCase(Locale.ROOT)) {
                case "range", "rangeassignor" -> {
                    return RangeAssignor::new;
                }
                case "roundrobin", "roundrobinassignor" -> {
                    return RoundRobinAssignor::new;
                }
                case "sticky", "stickyassignor" -> {
                    return StickyAssignor::new;
                }
                case "cooperative-sticky", "cooperativestickyassignor" -> {
                    return CooperativeStickyAssignor::new;
                }
                default -> {
                    if (!name.contains(".")) {
                        throw new InvalidConfigurationException("invalid value '" + name + "' for configuration '"
                                + ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG
                                + "': not range, roundrobin, sticky, cooperative-sticky or an assignor class");
                    }
                }
            }
        }
        return () -> Plugins.create(
                name, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerPartitionAssignor.class);
    }

    /**
     * The rebalance protocol of a consumer with these assignors, as Kafka picks it: the highest protocol every assignor
     * supports (cooperative only if all of them support it).
     *
     * @throws InvalidConfigurationException if they have none in common
     */
    public static RebalanceProtocol protocol(List<ConsumerPartitionAssignor> assignors) {
        Set<RebalanceProtocol> common = EnumSet.allOf(RebalanceProtocol.class);
        assignors.forEach(assignor -> common.retainAll(assignor.supportedProtocols()));
        if (common.isEmpty()) {
            throw new InvalidConfigurationException("Specified assignors "
                    + assignors.stream().map(ConsumerPartitionAssignor::name).toList()
                    + " do not have commonly supported rebalance protocol");
        }
        return common.contains(RebalanceProtocol.COOPERATIVE) ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
    }
}
