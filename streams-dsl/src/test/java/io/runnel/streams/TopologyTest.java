package io.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.state.Stores;
import io.runnel.streams.errors.TopologyException;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorSupplier;
import io.runnel.streams.processor.api.Record;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopologyTest {

    private static <K, V> ProcessorSupplier<K, V, K, V> passThrough() {
        return () -> new Processor<K, V, K, V>() {
            @Override
            public void process(Record<K, V> record) {}
        };
    }

    @Test
    void shouldRejectTopicReadTwiceNamingBothSources() {
        Topology t = new Topology().addSource("first", "orders");

        assertThatThrownBy(() -> t.addSource("second", "payments", "orders"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("first")
                .hasMessageContaining("second");
    }

    @Test
    void shouldRejectStoreNamedTwiceNamingTheProcessors() {
        Topology t = new Topology()
                .addSource("src", "in")
                .addProcessor("p1", passThrough(), "src")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("s"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "p1");

        assertThatThrownBy(() -> t.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("s"),
                        io.runnel.common.serialization.Serdes.String(),
                        io.runnel.common.serialization.Serdes.String())))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("StateStore s is already added")
                .hasMessageContaining("p1");
    }

    @Test
    void shouldRejectUnknownParentAndSinkAsParent() {
        Topology t = new Topology().addSource("src", "in").addSink("out", "out-topic", "src");

        assertThatThrownBy(() -> t.addProcessor("p", passThrough(), "nope"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("Parent processor nope is not added yet for p");
        assertThatThrownBy(() -> t.addProcessor("p", passThrough(), "out"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("Sink out cannot be used as a parent (of p)");
    }

    @Test
    void shouldRejectDuplicateNodeName() {
        Topology t = new Topology().addSource("src", "in");

        assertThatThrownBy(() -> t.addProcessor("src", passThrough(), "src"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("src");
    }

    @Test
    void shouldRejectConnectingUnknownStoreOrProcessor() {
        Topology t = new Topology().addSource("src", "in").addProcessor("p", passThrough(), "src");

        assertThatThrownBy(() -> t.connectProcessorAndStateStores("p", "missing"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("StateStore missing is not added yet; cannot connect it to processor p");
        assertThatThrownBy(() -> t.connectProcessorAndStateStores("ghost", "missing"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("Processor ghost is not added yet");
    }

    @Test
    void shouldRejectStoreConnectedToNoProcessorWhenDescribed() {
        Topology t = new Topology()
                .addSource("src", "in")
                .addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("lonely"),
                        io.runnel.common.serialization.Serdes.String(),
                        io.runnel.common.serialization.Serdes.Long()));

        assertThatThrownBy(t::describe)
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("StateStore lonely is not connected to any processor");
    }

    @Test
    void shouldRejectSupplierReturningTheSameProcessor() {
        Processor<String, String, String, String> shared = record -> {};
        Topology t = new Topology().addSource("src", "in");

        assertThatThrownBy(() -> t.addProcessor("p", () -> shared, "src"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("processor p");
    }

    @Test
    void shouldSplitSubtopologiesAtTopicsAndJoinThemThroughSharedStores() {
        Topology t = new Topology()
                .addSource("a", "t1")
                .addProcessor("pa", passThrough(), "a")
                .addSource("b", "t2")
                .addProcessor("pb", passThrough(), "b")
                .addSource("c", "t3")
                .addProcessor("pc", passThrough(), "c")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("s"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "pa",
                        "pc");

        TopologyDescription d = t.describe();

        assertThat(d.subtopologies()).hasSize(2);
        assertThat(d.subtopologies().iterator().next().nodes())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("a", "pa", "c", "pc");
    }

    @Test
    void shouldDescribeExactlyAsKafkaStreamsDoes() {
        Topology ours = new Topology()
                .addSource("source", "input")
                .addProcessor("split", passThrough(), "source")
                .addProcessor("left", passThrough(), "split")
                .addProcessor("right", passThrough(), "split")
                .addProcessor("deeper", passThrough(), "right")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("store"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "left")
                .addSink("sink-l", "out-l", "left")
                .addSink("sink-r", "out-r", "deeper")
                .addSource("other", "input-2")
                .addSink("copy", "out-2", "other");
        org.apache.kafka.streams.processor.api.ProcessorSupplier<Object, Object, Object, Object> kafkaPass =
                () -> new org.apache.kafka.streams.processor.api.Processor<Object, Object, Object, Object>() {
                    @Override
                    public void process(org.apache.kafka.streams.processor.api.Record<Object, Object> record) {}
                };
        org.apache.kafka.streams.Topology kafka = new org.apache.kafka.streams.Topology()
                .addSource("source", "input")
                .addProcessor("split", kafkaPass, "source")
                .addProcessor("left", kafkaPass, "split")
                .addProcessor("right", kafkaPass, "split")
                .addProcessor("deeper", kafkaPass, "right")
                .addStateStore(
                        org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("store"),
                                org.apache.kafka.common.serialization.Serdes.String(),
                                org.apache.kafka.common.serialization.Serdes.Long()),
                        "left")
                .addSink("sink-l", "out-l", "left")
                .addSink("sink-r", "out-r", "deeper")
                .addSource("other", "input-2")
                .addSink("copy", "out-2", "other");

        String described = ours.describe().toString();

        assertThat(described).isEqualTo(kafka.describe().toString());
    }

    @Test
    void shouldRenderMermaidWithTopicsStoresAndEdges() {
        Topology t = new Topology()
                .addSource("src", "in")
                .addProcessor("p", passThrough(), "src")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("st"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "p")
                .addSink("sink", "out", "p");

        String mermaid = t.describe().toMermaid();

        assertThat(mermaid)
                .startsWith("flowchart TD\n")
                .contains("subgraph sub0[\"Sub-topology 0\"]")
                .contains("([\"in\"])")
                .contains("[(\"st\")]")
                .containsPattern("n_src_\\w+ --> n_p_\\w+")
                .containsPattern("n_p_\\w+ --- s_st_\\w+")
                .containsPattern("n_sink_\\w+ --> t_out_\\w+");
    }
}
