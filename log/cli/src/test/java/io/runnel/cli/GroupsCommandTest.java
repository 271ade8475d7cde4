package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.Node;
import io.runnel.client.admin.ConsumerGroupDescription;
import io.runnel.client.admin.MemberAssignment;
import io.runnel.client.admin.MemberDescription;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import io.runnel.common.TopicPartition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** What the group commands print and compute, without a broker: tables, reset targets, arguments. */
@Timeout(30)
class GroupsCommandTest {
    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
    private static final TopicPartition PAYMENTS_0 = new TopicPartition("payments", 0);

    private static String printed(Consumer<PrintWriter> print) {
        StringWriter text = new StringWriter();
        print.accept(new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void shouldPrintMembersThenPartitionsWhenDescribingAnActiveGroup() {
        MemberDescription member = new MemberDescription(
                "app-1-6f1c", "app-1", "/127.0.0.1", new MemberAssignment(Set.of(ORDERS_0, ORDERS_1)));
        ConsumerGroupDescription group = new ConsumerGroupDescription(
                "billing",
                false,
                List.of(member),
                "range",
                GroupType.CLASSIC,
                GroupState.STABLE,
                new Node(0, "127.0.0.1", 9092));
        Set<TopicPartition> partitions = new TreeSet<>(GroupsCommand.BY_TOPIC_THEN_PARTITION);
        partitions.addAll(List.of(PAYMENTS_0, ORDERS_1, ORDERS_0));

        String out = printed(writer -> GroupsCommand.Describe.print(
                writer,
                group,
                partitions,
                Map.of(ORDERS_0, new OffsetAndMetadata(5), PAYMENTS_0, new OffsetAndMetadata(12)),
                Map.of(ORDERS_0, 9L, ORDERS_1, 3L, PAYMENTS_0, 12L),
                Map.of(ORDERS_0, member, ORDERS_1, member)));

        assertThat(out.lines())
                .containsExactly(
                        "Group: billing\tState: Stable\tAssignor: range\tCoordinator: 0\tMembers: 1",
                        "",
                        "CONSUMER-ID HOST       CLIENT-ID #PARTITIONS ASSIGNMENT",
                        "app-1-6f1c  /127.0.0.1 app-1     2           orders(0,1)",
                        "",
                        "GROUP   TOPIC    PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST       CLIENT-ID",
                        "billing orders   0         5              9              4   app-1-6f1c  /127.0.0.1 app-1",
                        "billing orders   1         -              3              -   app-1-6f1c  /127.0.0.1 app-1",
                        "billing payments 0         12             12             0   -           -          -");
    }

    @Test
    void shouldPrintOnlyTheHeaderLineWhenTheGroupHasNoMembersNorOffsets() {
        ConsumerGroupDescription group = new ConsumerGroupDescription(
                "idle", true, List.of(), "", GroupType.CLASSIC, GroupState.EMPTY, new Node(2, "h", 1));

        String out =
                printed(writer -> GroupsCommand.Describe.print(writer, group, Set.of(), Map.of(), Map.of(), Map.of()));

        assertThat(out.lines()).containsExactly("Group: idle\tState: Empty\tAssignor: -\tCoordinator: 2\tMembers: 0");
    }

    @Test
    void shouldGroupPartitionsByTopicWhenPrintingAnAssignment() {
        assertThat(GroupsCommand.Describe.assignment(Set.of(PAYMENTS_0, ORDERS_1, ORDERS_0)))
                .isEqualTo("orders(0,1),payments(0)");
        assertThat(GroupsCommand.Describe.assignment(Set.of())).isEqualTo("-");
    }

    @Test
    void shouldPrintThePlanAndSayNothingWasCommittedWhenDryRun() {
        Map<TopicPartition, OffsetAndMetadata> plan = new LinkedHashMap<>();
        plan.put(ORDERS_0, new OffsetAndMetadata(0));
        plan.put(ORDERS_1, new OffsetAndMetadata(120));

        String dryRun = printed(writer -> ResetOffsetsCommand.print(writer, "billing", plan, false));
        String executed = printed(writer -> ResetOffsetsCommand.print(writer, "billing", plan, true));

        assertThat(dryRun.lines())
                .containsExactly(
                        "GROUP   TOPIC  PARTITION NEW-OFFSET",
                        "billing orders 0         0",
                        "billing orders 1         120",
                        "",
                        "Dry run: nothing was committed. Add --execute to commit these offsets.");
        assertThat(executed.lines()).hasSize(3);
    }

    @Test
    void shouldKeepTargetsWithinTheLogWhenResetting() {
        assertThat(new OffsetReset.ToEarliest().target("p", 3, 10, 7L, -1)).isEqualTo(3);
        assertThat(new OffsetReset.ToLatest().target("p", 3, 10, 7L, -1)).isEqualTo(10);
        assertThat(new OffsetReset.ToOffset(50).target("p", 3, 10, null, -1)).isEqualTo(10);
        assertThat(new OffsetReset.ToOffset(1).target("p", 3, 10, null, -1)).isEqualTo(3);
        assertThat(new OffsetReset.ShiftBy(-2).target("p", 3, 10, 7L, -1)).isEqualTo(5);
        assertThat(new OffsetReset.ShiftBy(-9).target("p", 3, 10, 7L, -1)).isEqualTo(3);
        assertThat(new OffsetReset.ShiftBy(9).target("p", 3, 10, 7L, -1)).isEqualTo(10);
    }

    @Test
    void shouldResetToTheLogEndWhenNoRecordIsAsRecentAsTheTime() {
        OffsetReset toTime = new OffsetReset.ToDatetime(Instant.EPOCH);

        assertThat(toTime.target("p", 0, 10, null, 4)).isEqualTo(4);
        assertThat(toTime.target("p", 0, 10, null, -1)).isEqualTo(10);
    }

    @Test
    void shouldRefuseToShiftWhenNoOffsetIsCommitted() {
        assertThatThrownBy(() -> new OffsetReset.ShiftBy(1).target("orders-0", 0, 10, null, -1))
                .isInstanceOf(RefusedException.class)
                .hasMessage("cannot shift the offset of orders-0: the group has no committed offset there");
    }

    @Test
    void shouldParseTimesWithAndWithoutAnOffsetWhenIso8601() {
        ZoneOffset plusTwo = ZoneOffset.ofHours(2);

        assertThat(OffsetReset.parseTime("2024-05-01T12:00:00Z", plusTwo))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(OffsetReset.parseTime("2024-05-01T12:00:00.000+02:00", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(OffsetReset.parseTime("2024-05-01T12:00:00", plusTwo))
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void shouldReadATopicAndItsPartitionsWhenGivenTopicColonList() {
        TopicPartitions.Converter converter = new TopicPartitions.Converter();

        assertThat(converter.convert("orders")).isEqualTo(new TopicPartitions("orders", List.of()));
        assertThat(converter.convert("orders:0,2")).isEqualTo(new TopicPartitions("orders", List.of(0, 2)));
        assertThatThrownBy(() -> converter.convert("orders:0,x"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("partitions must be numbers >= 0, as TOPIC:0,1,2: 'orders:0,x'");
    }

    @Test
    void shouldSayWhyWhenARefusalIsTheFailure() {
        assertThat(Failures.describe(new RefusedException("group 'g' has members")))
                .isEqualTo("group 'g' has members");
    }
}
