package io.runnel.cli;

import io.runnel.client.Node;
import io.runnel.client.admin.Admin;
import io.runnel.client.admin.Config;
import io.runnel.client.admin.ConfigEntry;
import io.runnel.client.admin.ConfigResource;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.TopicDescription;
import io.runnel.client.admin.TopicPartitionInfo;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runnel topics create|list|describe|delete}: topic administration through Runnel's {@link Admin}. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates, lists, describes and deletes topics.",
        subcommands = {
            TopicsCommand.Create.class,
            TopicsCommand.ListTopics.class,
            TopicsCommand.Describe.class,
            TopicsCommand.Delete.class
        })
final class TopicsCommand implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: create, list, describe or delete");
    }

    /**
     * Waits for an admin call. The admin client fails the call itself at {@code --timeout-ms}, with the reason (the
     * last error, or why the cluster cannot be reached); this waits a little longer so that its reason, not a bare
     * timeout, is what the user reads.
     */
    static <T> T await(CompletableFuture<T> future, ClientOptions client)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return future.get(client.timeoutMs + REASON_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new io.runnel.common.errors.TimeoutException(
                    "no answer from the cluster at " + client.bootstrapServers + " within " + client.timeoutMs + " ms");
        }
    }

    /** How much longer than {@code --timeout-ms} {@link #await} waits for the admin client's own failure. */
    private static final long REASON_GRACE_MS = 2_000;

    /**
     * Describes one topic.
     *
     * @throws UnknownTopicOrPartitionException naming the topic, if it does not exist
     */
    static TopicDescription describe(Admin admin, String topic, ClientOptions client)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            TopicDescription description = await(
                            admin.describeTopics(List.of(topic)).allTopicNames(), client)
                    .get(topic);
            if (description != null) {
                return description;
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        throw new UnknownTopicOrPartitionException("topic '" + topic + "' does not exist");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a topic.")
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Option(
                names = {"-t", "--topic"},
                required = true,
                paramLabel = "NAME",
                description = "The topic to create.")
        @SuppressWarnings("NullAway.Init") // required: picocli sets it or fails
        String topic;

        @Option(
                names = {"-p", "--partitions"},
                paramLabel = "N",
                description = "Number of partitions (default: the broker's num.partitions).")
        @Nullable
        Integer partitions;

        @Option(
                names = {"-r", "--replication-factor"},
                paramLabel = "N",
                description = "Replicas per partition (default: the broker's default.replication.factor).")
        @Nullable
        Short replicationFactor;

        @Option(
                names = "--config",
                paramLabel = "KEY=VALUE",
                description =
                        "A topic configuration value (cleanup.policy, retention.ms, segment.bytes...); repeatable.")
        Map<String, String> configs = new LinkedHashMap<>();

        @Option(names = "--if-not-exists", description = "Succeed if the topic exists already.")
        boolean ifNotExists;

        @Override
        public Integer call() throws Exception {
            if (partitions != null && partitions < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--replication-factor must be at least 1");
            }
            NewTopic newTopic = new NewTopic(
                            topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                    .configs(configs);
            try (Admin admin = Admin.create(client.properties())) {
                await(admin.createTopics(List.of(newTopic)).all(), client);
            } catch (ExecutionException e) {
                if (ifNotExists && e.getCause() instanceof TopicExistsException) {
                    return 0;
                }
                throw e;
            }
            spec.commandLine().getOut().println("Created topic " + topic + ".");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the topics, one per line.")
    static final class ListTopics implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                PrintWriter out = spec.commandLine().getOut();
                await(admin.listTopics().names(), client).stream().sorted().forEach(out::println);
            }
            return 0;
        }
    }

    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = "Describes topics: partitions, leaders, replicas, in-sync replicas.")
    static final class Describe implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Option(
                names = {"-t", "--topic"},
                paramLabel = "NAME",
                description = "A topic to describe; repeatable (default: every topic).")
        List<String> topics = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                List<String> names = topics.isEmpty()
                        ? new ArrayList<>(await(admin.listTopics().names(), client))
                        : topics;
                Map<String, TopicDescription> descriptions = new TreeMap<>();
                for (String name : names) {
                    descriptions.put(name, describe(admin, name, client));
                }
                Map<ConfigResource, Config> configs = await(
                        admin.describeConfigs(names.stream()
                                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                                        .toList())
                                .all(),
                        client);
                PrintWriter out = spec.commandLine().getOut();
                descriptions
                        .values()
                        .forEach(description -> print(
                                out,
                                description,
                                configs.get(new ConfigResource(ConfigResource.Type.TOPIC, description.name()))));
            }
            return 0;
        }

        private static void print(PrintWriter out, TopicDescription topic, @Nullable Config config) {
            int replicationFactor = topic.partitions().isEmpty()
                    ? 0
                    : topic.partitions().get(0).replicas().size();
            out.printf(
                    "Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s%n",
                    topic.name(), topic.topicId(), topic.partitions().size(), replicationFactor, overrides(config));
            for (TopicPartitionInfo partition : topic.partitions()) {
                Node leader = partition.leader();
                out.printf(
                        "\tTopic: %s\tPartition: %d\tLeader: %s\tReplicas: %s\tIsr: %s%n",
                        topic.name(),
                        partition.partition(),
                        leader == null ? "none" : Integer.toString(leader.id()),
                        ids(partition.replicas()),
                        ids(partition.isr()));
            }
        }

        /** The topic's own settings, as {@code kafka-topics.sh --describe} prints them: key=value,... */
        private static String overrides(@Nullable Config config) {
            if (config == null) {
                return "";
            }
            return config.entries().stream()
                    .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .map(entry -> entry.name() + "=" + entry.value())
                    .sorted()
                    .collect(Collectors.joining(","));
        }

        private static String ids(List<Node> nodes) {
            return nodes.stream().map(node -> Integer.toString(node.id())).collect(Collectors.joining(","));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes topics and all their data.")
    static final class Delete implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Option(
                names = {"-t", "--topic"},
                required = true,
                paramLabel = "NAME",
                description = "A topic to delete; repeatable.")
        List<String> topics = new ArrayList<>();

        @Option(names = "--if-exists", description = "Succeed if a topic does not exist.")
        boolean ifExists;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                for (Map.Entry<String, CompletableFuture<Void>> deletion :
                        admin.deleteTopics(topics).topicNameValues().entrySet()) {
                    try {
                        await(deletion.getValue(), client);
                        spec.commandLine().getOut().println("Deleted topic " + deletion.getKey() + ".");
                    } catch (ExecutionException e) {
                        if (!(ifExists && e.getCause() instanceof UnknownTopicOrPartitionException)) {
                            throw e;
                        }
                    }
                }
            }
            return 0;
        }
    }
}
