package io.runnel.cli;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.TopicDescription;
import io.runnel.client.admin.TopicPartitionInfo;
import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.WakeupException;
import io.runnel.common.serialization.ByteArrayDeserializer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runnel consume}: prints the records of a topic (or one partition), from the end, the beginning or an offset,
 * one line each: partition, offset, key and value, tab-separated (UTF-8; {@code null} for a missing key or value).
 * Reads assigned partitions directly (no consumer group, no committed offsets), or with {@code --group} as a member of
 * that consumer group: the group's committed offsets are where it starts, and the offsets of the records printed are
 * committed after each poll. Stops after {@code --max-messages}, after {@code --idle-timeout-ms} without a record, or
 * on Ctrl-C.
 */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = {
            "Prints records of a topic: partition, offset, key and value, tab-separated.",
            "Example: runnel consume -t greetings --from-beginning --max-messages 2"
        })
final class ConsumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions client = new ClientOptions();

    @Option(
            names = {"-t", "--topic"},
            required = true,
            paramLabel = "NAME",
            description = "The topic to read.")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it or fails
    String topic;

    @Option(
            names = {"-p", "--partition"},
            paramLabel = "N",
            description = "Read only this partition (default: all).")
    @Nullable
    Integer partition;

    @CommandLine.ArgGroup(exclusive = true)
    @Nullable
    Start start;

    static final class Start {
        @Option(names = "--from-beginning", description = "Start at each partition's first record.")
        boolean fromBeginning;

        @Option(names = "--offset", paramLabel = "OFFSET", description = "Start at this offset (needs --partition).")
        @Nullable
        Long offset;
    }

    @Option(
            names = {"-n", "--max-messages"},
            paramLabel = "N",
            description = "Stop after N records (default: no limit).")
    long maxMessages = Long.MAX_VALUE;

    @Option(
            names = "--idle-timeout-ms",
            paramLabel = "MS",
            description = "Stop when no record arrives for this long (default: wait for ever).")
    long idleTimeoutMs = Long.MAX_VALUE;

    @Option(names = "--value-only", description = "Print only the values.")
    boolean valueOnly;

    @Option(
            names = {"-g", "--group"},
            paramLabel = "GROUP",
            description = "Consume as a member of this consumer group, from its committed offsets (without any: from"
                    + " the end, or the beginning with --from-beginning), committing what was printed.")
    @Nullable
    String group;

    @Override
    public Integer call() throws Exception {
        Long offset = start == null ? null : start.offset;
        if (offset != null && partition == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset needs --partition");
        }
        if (offset != null && offset < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset must not be negative");
        }
        if (maxMessages < 1 || idleTimeoutMs < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-messages and --idle-timeout-ms must be positive");
        }
        if (group != null && (partition != null || offset != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--group reads the partitions the group assigns: it cannot be combined with --partition or"
                            + " --offset");
        }
        List<TopicPartition> partitions = partitions();
        Properties properties = client.properties();
        boolean fromBeginning = start != null && start.fromBeginning;
        properties.putIfAbsent("auto.offset.reset", group != null && fromBeginning ? "earliest" : "latest");
        if (group != null) {
            properties.put("group.id", group);
            properties.put("enable.auto.commit", "false");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        try (Consumer<byte[], byte[]> consumer =
                new RunnelConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread stopOnSignal = new Thread(
                    () -> {
                        consumer.wakeup();
                        awaitQuietly(done);
                    },
                    "runnel-consume-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            try {
                if (group != null) {
                    consumer.subscribe(List.of(topic));
                    consumeUntilDone(consumer, out, true);
                    return 0;
                }
                consumer.assign(partitions);
                if (offset != null) {
                    consumer.seek(partitions.get(0), startOffset(consumer, partitions.get(0), offset));
                } else if (start != null && start.fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                consumeUntilDone(consumer, out, false);
            } catch (WakeupException stopped) {
                // Ctrl-C or SIGTERM: stop quietly
            } finally {
                out.flush();
                done.countDown();
                removeHook(stopOnSignal);
            }
        }
        return 0;
    }

    /**
     * Where {@code --offset} starts: the offset itself if the partition holds it (or it is the end, the next record);
     * otherwise the nearest end of the valid range, with a line on stderr saying so, rather than a silent reset.
     */
    private long startOffset(Consumer<byte[], byte[]> consumer, TopicPartition tp, long offset) {
        Duration timeout = client.timeout();
        long start = consumer.beginningOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
        long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
        if (offset >= start && offset <= end) {
            return offset;
        }
        long nearest = offset > end ? end : start;
        spec.commandLine()
                .getErr()
                .println("runnel: --offset " + offset + " is " + (offset > end ? "past the end" : "before the start")
                        + " of " + tp + " (valid offsets " + start + " to " + end + "); starting at " + nearest);
        return nearest;
    }

    /** Prints records until done; with {@code commit}, commits the offsets after the printed records each round. */
    private void consumeUntilDone(Consumer<byte[], byte[]> consumer, PrintWriter out, boolean commit) {
        long printed = 0;
        long idleSince = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        while (printed < maxMessages) {
            boolean any = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                print(out, record);
                next.put(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                any = true;
                if (++printed == maxMessages) {
                    break;
                }
            }
            out.flush();
            if (commit && !next.isEmpty()) {
                consumer.commitSync(next, client.timeout());
                next.clear();
            }
            if (any) {
                idleSince = System.nanoTime();
            } else if (idleTimeoutMs != Long.MAX_VALUE && System.nanoTime() - idleSince >= idleTimeoutMs * 1_000_000L) {
                return;
            }
        }
    }

    private void print(PrintWriter out, ConsumerRecord<byte[], byte[]> record) {
        if (valueOnly) {
            out.println(text(record.value()));
        } else {
            out.println(record.partition() + "\t" + record.offset() + "\t" + text(record.key()) + "\t"
                    + text(record.value()));
        }
    }

    private static String text(byte @Nullable [] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private List<TopicPartition> partitions() throws Exception {
        TopicDescription description;
        try (Admin admin = Admin.create(client.properties())) {
            description = TopicsCommand.describe(admin, topic, client);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicPartitionInfo info : description.partitions()) {
            if (partition == null || partition == info.partition()) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "topic " + topic + " has no partition " + partition + " (it has "
                            + description.partitions().size() + ")");
        }
        return partitions;
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for this command to finish
        }
    }
}
