package io.runnel.client.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.client.Node;
import io.runnel.client.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Murmur2Test {
    @Property
    void shouldHashExactlyAsKafkaDoes(@ForAll @Size(max = 64) byte[] data) {
        assertThat(Murmur2.hash(data)).isEqualTo(Utils.murmur2(data));
    }

    @Property
    void shouldPickKafkasPartitionForAKey(
            @ForAll @Size(min = 1, max = 40) byte[] key, @ForAll @IntRange(min = 1, max = 500) int partitions) {
        assertThat(Murmur2.partition(key, partitions)).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % partitions);
    }

    @Test
    void shouldPartitionKeyedRecordsByMurmur2AndKeylessOnesStickily() {
        BuiltInPartitioner partitioner = new BuiltInPartitioner(100, false);
        List<PartitionInfo> partitions = partitions(8);
        byte[] key = "user-42".getBytes(StandardCharsets.UTF_8);

        int keyed = partitioner.partition("t", key, 10, partitions);
        int first = partitioner.partition("t", null, 40, partitions);
        int second = partitioner.partition("t", null, 40, partitions);
        int third = partitioner.partition("t", null, 40, partitions);
        int afterFullBatch = partitioner.partition("t", null, 40, partitions);

        assertThat(keyed).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 8);
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(afterFullBatch).isNotEqualTo(first);
    }

    @Test
    void shouldIgnoreKeysWhenAsked() {
        BuiltInPartitioner partitioner = new BuiltInPartitioner(1_000, true);
        List<PartitionInfo> partitions = partitions(16);

        int a = partitioner.partition("t", "a".getBytes(StandardCharsets.UTF_8), 1, partitions);
        int b = partitioner.partition("t", "zzz".getBytes(StandardCharsets.UTF_8), 1, partitions);

        assertThat(b).isEqualTo(a);
    }

    static List<PartitionInfo> partitions(int count) {
        Node node = new Node(0, "h", 1);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            partitions.add(new PartitionInfo("t", i, node, List.of(node), List.of(node), List.of()));
        }
        return partitions;
    }
}
