package io.runnel.cli;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.ConsumerGroupDescription;
import io.runnel.client.admin.ConsumerGroupListing;
import io.runnel.client.admin.ListConsumerGroupsOptions;
import io.runnel.client.admin.ListOffsetsResult.ListOffsetsResultInfo;
import io.runnel.client.admin.MemberDescription;
import io.runnel.client.admin.OffsetSpec;
import io.runnel.client.admin.TopicPartitionInfo;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.GroupState;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.GroupIdNotFoundException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel groups list|describe|reset-offsets|delete|delete-offsets}: consumer group administration through
 * Runnel's {@link Admin}, as {@code kafka-consumer-groups.sh} does it.
 */
@Command(
        name = "groups",
        mixinStandardHelpOptions = true,
        description = "Lists, describes and deletes consumer groups; resets and deletes their committed offsets.",
        subcommands = {
            GroupsCommand.ListGroups.class,
            GroupsCommand.Describe.class,
            ResetOffsetsCommand.class,
            GroupsCommand.Delete.class,
            GroupsCommand.DeleteOffsets.class
        })
final class GroupsCommand implements Runnable {
    static final Comparator<TopicPartition> BY_TOPIC_THEN_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a subcommand is required: list, describe, reset-offsets, delete or delete-offsets");
    }

    /**
     * Describes a group that exists.
     *
     * @throws GroupIdNotFoundException naming the group, if it does not exist
     */
    static ConsumerGroupDescription describe(Admin admin, String group, ClientOptions client)
            throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = TopicsCommand.await(
                            admin.describeConsumerGroups(List.of(group)).all(), client)
                    .get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw notFound(group);
            }
            throw e;
        }
        if (description == null || description.groupState() == GroupState.DEAD) {
            throw notFound(group);
        }
        return description;
    }

    private static GroupIdNotFoundException notFound(String group) {
        return new GroupIdNotFoundException("consumer group '" + group + "' does not exist");
    }

    /** The partitions a {@code --topic} argument names: those listed, or every partition of the topic. */
    static List<TopicPartition> partitions(Admin admin, List<TopicPartitions> topics, ClientOptions client)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (TopicPartitions topic : topics) {
            List<TopicPartitionInfo> existing =
                    TopicsCommand.describe(admin, topic.topic(), client).partitions();
            if (topic.partitions().isEmpty()) {
                existing.forEach(info -> partitions.add(new TopicPartition(topic.topic(), info.partition())));
                continue;
            }
            for (int partition : topic.partitions()) {
                if (partition >= existing.size()) {
                    throw new RefusedException("topic '" + topic.topic() + "' has no partition " + partition
                            + " (it has " + existing.size() + ")");
                }
                partitions.add(new TopicPartition(topic.topic(), partition));
            }
        }
        return new ArrayList<>(partitions);
    }

    /** The offsets at {@code spec} of some partitions. */
    static Map<TopicPartition, Long> offsets(
            Admin admin, Iterable<TopicPartition> partitions, OffsetSpec spec, ClientOptions client)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        if (request.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> found =
                TopicsCommand.await(admin.listOffsets(request).all(), client);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the consumer groups, one per line, sorted.")
    static final class ListGroups implements Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Option(
                names = "--state",
                paramLabel = "STATE",
                description = "Lists only groups in this state (Empty, Stable, PreparingRebalance, "
                        + "CompletingRebalance, Dead); repeatable.")
        List<String> states = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Set<GroupState> wanted = new LinkedHashSet<>();
            for (String state : states) {
                GroupState parsed = GroupState.parse(state);
                if (parsed == GroupState.UNKNOWN) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--state must be a group state such as Stable or Empty: '" + state + "'");
                }
                wanted.add(parsed);
            }
            try (Admin admin = Admin.create(client.properties())) {
                PrintWriter out = spec.commandLine().getOut();
                TopicsCommand.await(
                                admin.listConsumerGroups(new ListConsumerGroupsOptions().inGroupStates(wanted))
                                        .all(),
                                client)
                        .stream()
                        .map(ConsumerGroupListing::groupId)
                        .sorted()
                        .forEach(out::println);
            }
            return 0;
        }
    }

    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = "Describes a consumer group: its state and members, then per partition the committed offset, "
                    + "the log end offset and the lag.")
    static final class Describe implements Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group to describe.")
        @SuppressWarnings("NullAway.Init") // required: picocli sets it or fails
        String group;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                ConsumerGroupDescription description = describe(admin, group, client);
                Map<TopicPartition, OffsetAndMetadata> committed = TopicsCommand.await(
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), client);
                Map<TopicPartition, MemberDescription> owners = new HashMap<>();
                description
                        .members()
                        .forEach(member -> member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member)));
                Set<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_THEN_PARTITION);
                partitions.addAll(committed.keySet());
                partitions.addAll(owners.keySet());
                Map<TopicPartition, Long> logEnd = offsets(admin, partitions, OffsetSpec.latest(), client);
                print(spec.commandLine().getOut(), description, partitions, committed, logEnd, owners);
            }
            return 0;
        }

        /**
         * The group's state and assignor, its members, then its partitions in {@code kafka-consumer-groups.sh
         * --describe}'s columns ({@code -} where a value is not known).
         */
        static void print(
                PrintWriter out,
                ConsumerGroupDescription group,
                Set<TopicPartition> partitions,
                Map<TopicPartition, OffsetAndMetadata> committed,
                Map<TopicPartition, Long> logEnd,
                Map<TopicPartition, MemberDescription> owners) {
            out.printf(
                    "Group: %s\tState: %s\tAssignor: %s\tCoordinator: %d\tMembers: %d%n",
                    group.groupId(),
                    group.groupState(),
                    group.partitionAssignor().isEmpty() ? "-" : group.partitionAssignor(),
                    group.coordinator().id(),
                    group.members().size());
            if (!group.members().isEmpty()) {
                out.println();
                TextTable members = new TextTable("CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT");
                group.members().stream()
                        .sorted(Comparator.comparing(MemberDescription::consumerId))
                        .forEach(member -> members.row(
                                member.consumerId(),
                                member.host(),
                                member.clientId(),
                                member.assignment().topicPartitions().size(),
                                assignment(member.assignment().topicPartitions())));
                members.print(out);
            }
            if (partitions.isEmpty()) {
                return;
            }
            out.println();
            TextTable table = new TextTable(
                    "GROUP",
                    "TOPIC",
                    "PARTITION",
                    "CURRENT-OFFSET",
                    "LOG-END-OFFSET",
                    "LAG",
                    "CONSUMER-ID",
                    "HOST",
                    "CLIENT-ID");
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                Long end = logEnd.get(tp);
                MemberDescription owner = owners.get(tp);
                table.row(
                        group.groupId(),
                        tp.topic(),
                        tp.partition(),
                        offset == null ? "-" : offset.offset(),
                        end == null ? "-" : end,
                        offset == null || end == null ? "-" : Math.max(0, end - offset.offset()),
                        owner == null ? "-" : owner.consumerId(),
                        owner == null ? "-" : owner.host(),
                        owner == null ? "-" : owner.clientId());
            }
            table.print(out);
        }

        /** {@code topic(0,1),other(2)}: the partitions per topic, as {@code --members --verbose} prints them. */
        static String assignment(Set<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return "-";
            }
            Map<String, TreeSet<Integer>> byTopic = new TreeMap<>();
            partitions.forEach(tp ->
                    byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition()));
            return byTopic.entrySet().stream()
                    .map(entry -> entry.getKey() + "("
                            + entry.getValue().stream().map(String::valueOf).collect(Collectors.joining(","))
                            + ")")
                    .collect(Collectors.joining(","));
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes consumer groups with no active members, and their committed offsets.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Parameters(arity = "1..*", paramLabel = "GROUP", description = "A group to delete; several may follow.")
        List<String> groups = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                for (Map.Entry<String, CompletableFuture<Void>> deletion :
                        admin.deleteConsumerGroups(groups).deletedGroups().entrySet()) {
                    try {
                        TopicsCommand.await(deletion.getValue(), client);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof GroupIdNotFoundException) {
                            throw notFound(deletion.getKey());
                        }
                        throw e;
                    }
                    spec.commandLine().getOut().println("Deleted consumer group " + deletion.getKey() + ".");
                }
            }
            return 0;
        }
    }

    @Command(
            name = "delete-offsets",
            mixinStandardHelpOptions = true,
            description = "Deletes a group's committed offsets of some topics or partitions.")
    static final class DeleteOffsets implements Callable<Integer> {
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group.")
        @SuppressWarnings("NullAway.Init") // required: picocli sets it or fails
        String group;

        @Option(
                names = {"-t", "--topic"},
                required = true,
                paramLabel = "TOPIC[:P,...]",
                converter = TopicPartitions.Converter.class,
                description = "A topic, or some of its partitions (orders:0,2); repeatable.")
        List<TopicPartitions> topics = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(client.properties())) {
                describe(admin, group, client);
                List<TopicPartition> partitions = partitions(admin, topics, client);
                partitions.sort(BY_TOPIC_THEN_PARTITION);
                var result = admin.deleteConsumerGroupOffsets(group, new LinkedHashSet<>(partitions));
                TextTable table = new TextTable("TOPIC", "PARTITION", "STATUS");
                int failed = 0;
                for (TopicPartition tp : partitions) {
                    String status = "Successful";
                    try {
                        TopicsCommand.await(result.partitionResult(tp), client);
                    } catch (ExecutionException e) {
                        status = "Error: " + Failures.describe(e);
                        failed++;
                    }
                    table.row(tp.topic(), tp.partition(), status);
                }
                table.print(spec.commandLine().getOut());
                if (failed > 0) {
                    throw new RefusedException("could not delete the offsets of " + failed + " partition(s) of group '"
                            + group + "'; see the table above");
                }
            }
            return 0;
        }
    }
}
