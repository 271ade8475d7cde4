package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's own command-line tools against Runnel's broker, in group mode: {@code kafka-consumer-perf-test.sh}
 * (ConsumerPerformance) reads every record as a group member, and {@code kafka-consumer-groups.sh}
 * (ConsumerGroupCommand) lists the group and describes its committed offsets and lag.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaGroupToolsIT {
    private static final int RECORDS = 5000;

    @TempDir
    static Path dir;

    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.Kind.RUNNEL.start(
                dir, Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "3"), 0);
        try (io.runnel.client.admin.Admin admin =
                io.runnel.client.admin.Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Topics.create(admin, new NewTopic("tools-perf", 3, (short) 1));
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("tools-perf", "k" + i, "value-" + i));
            }
        }
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the tool exited with " + status + ": " + message);
        });
    }

    @AfterAll
    static void stop() {
        Exit.resetExitProcedure();
        cluster.close();
    }

    @Test
    void shouldReadEveryRecordAsAGroupMemberWhenConsumerPerformanceRuns() {
        String output = captureStdout(() -> ConsumerPerformance.main(new String[] {
            "--bootstrap-server", cluster.bootstrapServers(),
            "--topic", "tools-perf",
            "--messages", Integer.toString(RECORDS),
            "--group", "perf-group",
            "--timeout", "60000"
        }));

        String[] header = output.lines()
                .filter(l -> l.startsWith("start.time"))
                .findFirst()
                .orElseThrow()
                .split(",");
        String[] values = output.lines()
                .filter(l -> !l.startsWith("start.time") && l.contains(","))
                .findFirst()
                .orElseThrow()
                .split(",");
        int column = java.util.Arrays.asList(header).indexOf(" data.consumed.in.nMsg");
        assertThat(column).as(output).isNotNegative();
        assertThat(Long.parseLong(values[column].trim())).isEqualTo(RECORDS);
    }

    @Test
    void shouldListAndDescribeTheGroupWhenKafkaConsumerGroupsRuns() {
        captureStdout(() -> ConsumerPerformance.main(new String[] {
            "--bootstrap-server", cluster.bootstrapServers(),
            "--topic", "tools-perf",
            "--messages", Integer.toString(RECORDS),
            "--group", "described-group",
            "--timeout", "60000"
        }));

        String listed = captureStdout(() ->
                ConsumerGroupCommand.main(new String[] {"--bootstrap-server", cluster.bootstrapServers(), "--list"}));
        String described = captureStdout(() -> ConsumerGroupCommand.main(new String[] {
            "--bootstrap-server", cluster.bootstrapServers(), "--describe", "--group", "described-group"
        }));

        assertThat(listed.lines()).contains("described-group");
        assertThat(described).contains("described-group", "tools-perf", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG");
        long lagged = described
                .lines()
                .filter(l -> l.startsWith("described-group"))
                .map(l -> l.trim().split("\\s+"))
                .filter(cols -> cols.length >= 6 && !cols[5].equals("0"))
                .count();
        assertThat(lagged).as(described).isZero();
    }

    private static String captureStdout(Runnable tool) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            tool.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
