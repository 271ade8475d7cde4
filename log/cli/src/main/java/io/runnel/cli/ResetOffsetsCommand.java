package io.runnel.cli;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.ConsumerGroupDescription;
import io.runnel.client.admin.ListConsumerGroupOffsetsSpec;
import io.runnel.client.admin.OffsetSpec;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.GroupState;
import io.runnel.common.TopicPartition;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel groups reset-offsets}: moves a group's committed offsets, as {@code kafka-consumer-groups.sh
 * --reset-offsets}. Without {@code --execute} it only prints the plan. It refuses while the group has members (whose
 * next commits would undo the reset), as Kafka's tool does.
 */
@Command(
        name = "reset-offsets",
        mixinStandardHelpOptions = true,
        description = "Resets a group's committed offsets; prints the plan, and commits it with --execute. The group "
                + "must have no active members.")
final class ResetOffsetsCommand implements Callable<Integer> {
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("NullAway.Init") // multiplicity 1: picocli sets it or fails
    Target target;

    @Option(names = "--execute", description = "Commit the new offsets (default: only print them).")
    boolean execute;

    /** Exactly one of the reset targets. */
    static final class Target {
        @Option(names = "--to-earliest", required = true, description = "To the earliest offset in the log.")
        boolean toEarliest;

        @Option(names = "--to-latest", required = true, description = "To the log end offset.")
        boolean toLatest;

        @Option(
                names = "--to-datetime",
                required = true,
                paramLabel = "ISO-8601",
                description = "To the first record at or after this time: 2024-05-01T12:00:00Z, "
                        + "2024-05-01T12:00:00.000+02:00, or local time 2024-05-01T12:00:00.")
        @Nullable
        String toDatetime;

        @Option(names = "--to-offset", required = true, paramLabel = "N", description = "To offset N (kept in range).")
        @Nullable
        Long toOffset;

        @Option(
                names = "--shift-by",
                required = true,
                paramLabel = "N",
                description = "By N from the committed offset; negative goes back (kept in range).")
        @Nullable
        Long shiftBy;
    }

    private OffsetReset reset() {
        if (target.toEarliest) {
            return new OffsetReset.ToEarliest();
        }
        if (target.toLatest) {
            return new OffsetReset.ToLatest();
        }
        if (target.toDatetime != null) {
            try {
                return new OffsetReset.ToDatetime(OffsetReset.parseTime(target.toDatetime, ZoneId.systemDefault()));
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--to-datetime must be ISO-8601, as 2024-05-01T12:00:00Z: '" + target.toDatetime + "'");
            }
        }
        if (target.toOffset != null) {
            if (target.toOffset < 0) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--to-offset must be >= 0: " + target.toOffset);
            }
            return new OffsetReset.ToOffset(target.toOffset);
        }
        if (target.shiftBy != null) {
            return new OffsetReset.ShiftBy(target.shiftBy);
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "a reset target is required");
    }

    @Override
    public Integer call() throws Exception {
        OffsetReset reset = reset();
        try (Admin admin = Admin.create(client.properties())) {
            refuseIfActive(describeIfExists(admin));
            List<TopicPartition> partitions = GroupsCommand.partitions(admin, topics, client);
            partitions.sort(GroupsCommand.BY_TOPIC_THEN_PARTITION);
            Map<TopicPartition, Long> earliest =
                    GroupsCommand.offsets(admin, partitions, OffsetSpec.earliest(), client);
            Map<TopicPartition, Long> latest = GroupsCommand.offsets(admin, partitions, OffsetSpec.latest(), client);
            Map<TopicPartition, Long> atTime = reset instanceof OffsetReset.ToDatetime toDatetime
                    ? GroupsCommand.offsets(
                            admin,
                            partitions,
                            OffsetSpec.forTimestamp(toDatetime.time().toEpochMilli()),
                            client)
                    : Map.of();
            Map<TopicPartition, OffsetAndMetadata> committed = TopicsCommand.await(
                    admin.listConsumerGroupOffsets(
                                    Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
                            .partitionsToOffsetAndMetadata(group),
                    client);
            Map<TopicPartition, OffsetAndMetadata> plan = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata current = committed.get(tp);
                long offset = reset.target(
                        tp.toString(),
                        earliest.getOrDefault(tp, 0L),
                        latest.getOrDefault(tp, 0L),
                        current == null ? null : current.offset(),
                        atTime.getOrDefault(tp, -1L));
                plan.put(tp, new OffsetAndMetadata(offset));
            }
            if (execute) {
                TopicsCommand.await(admin.alterConsumerGroupOffsets(group, plan).all(), client);
            }
            print(spec.commandLine().getOut(), group, plan, execute);
        }
        return 0;
    }

    /** The group's description, or null if it does not exist (then resetting creates its offsets). */
    private @Nullable ConsumerGroupDescription describeIfExists(Admin admin) throws Exception {
        ConsumerGroupDescription description = TopicsCommand.await(
                        admin.describeConsumerGroups(List.of(group)).all(), client)
                .get(group);
        return description == null || description.groupState() == GroupState.DEAD ? null : description;
    }

    private void refuseIfActive(@Nullable ConsumerGroupDescription description) {
        if (description != null && !description.members().isEmpty()) {
            throw new RefusedException("offsets can only be reset while group '" + group
                    + "' has no active members, but it is " + description.groupState() + " with "
                    + description.members().size() + " member(s)");
        }
    }

    /** The plan (or what was committed) in {@code kafka-consumer-groups.sh --reset-offsets}'s columns. */
    static void print(PrintWriter out, String group, Map<TopicPartition, OffsetAndMetadata> plan, boolean executed) {
        TextTable table = new TextTable("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
        plan.forEach((tp, offset) -> table.row(group, tp.topic(), tp.partition(), offset.offset()));
        table.print(out);
        if (!executed) {
            out.println();
            out.println("Dry run: nothing was committed. Add --execute to commit these offsets.");
        }
    }
}
