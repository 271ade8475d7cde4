package io.runnel.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Windowed keys round-trip and use Kafka Streams' exact bytes, in both directions. */
@Timeout(30)
class WindowedSerdesTest {
    @Test
    void shouldWriteTimeWindowedKeysAsKafkaStreamsDoes() {
        Serde<Windowed<String>> ours = WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 60_000);
        var kafka = org.apache.kafka.streams.kstream.WindowedSerdes.timeWindowedSerdeFrom(String.class, 60_000);
        Windowed<String> key = new Windowed<>("page-7", new Window(120_000, 180_000));

        byte[] bytes = ours.serializer().serialize("t", key);

        assertThat(bytes)
                .isEqualTo(kafka.serializer()
                        .serialize(
                                "t",
                                new org.apache.kafka.streams.kstream.Windowed<>(
                                        "page-7", new TimeWindow(120_000, 180_000))));
        assertThat(ours.deserializer().deserialize("t", bytes)).isEqualTo(key);
        var theirs = kafka.deserializer().deserialize("t", bytes);
        assertThat(theirs.window().end()).isEqualTo(180_000);
    }

    @Test
    void shouldWriteSessionWindowedKeysAsKafkaStreamsDoes() {
        Serde<Windowed<String>> ours = WindowedSerdes.sessionWindowedSerdeFrom(Serdes.String());
        var kafka = org.apache.kafka.streams.kstream.WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        Windowed<String> key = new Windowed<>("user-1", new Window(1_000, 4_500));

        byte[] bytes = ours.serializer().serialize("t", key);

        assertThat(bytes)
                .isEqualTo(kafka.serializer()
                        .serialize(
                                "t",
                                new org.apache.kafka.streams.kstream.Windowed<>(
                                        "user-1", new SessionWindow(1_000, 4_500))));
        assertThat(ours.deserializer().deserialize("t", bytes)).isEqualTo(key);
    }

    @Test
    void shouldCapTheEndOfAWindowNearTheEndOfTime() {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 1_000);
        Windowed<String> late = new Windowed<>("k", new Window(Long.MAX_VALUE - 10, Long.MAX_VALUE));

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", late)))
                .isEqualTo(late);
    }

    @Test
    void shouldRefuseBytesTooShortForAWindow() {
        assertThatThrownBy(() -> WindowedSerdes.sessionWindowedSerdeFrom(Serdes.String())
                        .deserializer()
                        .deserialize("t", new byte[9]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
