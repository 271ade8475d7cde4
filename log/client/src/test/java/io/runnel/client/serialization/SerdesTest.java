package io.runnel.client.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.header.RecordHeaders;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.common.serialization.StringSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerdesTest {
    record Point(int x, String label) {}

    @Property
    void shouldRoundTripLongsWithKafkasBytes(@ForAll long value) {
        byte[] bytes = Serdes.Long().serializer().serialize("t", value);

        assertThat(bytes).isEqualTo(new org.apache.kafka.common.serialization.LongSerializer().serialize("t", value));
        assertThat(Serdes.Long().deserializer().deserialize("t", bytes)).isEqualTo(value);
    }

    @Property
    void shouldRoundTripIntegersWithKafkasBytes(@ForAll int value) {
        byte[] bytes = Serdes.Integer().serializer().serialize("t", value);

        assertThat(bytes)
                .isEqualTo(new org.apache.kafka.common.serialization.IntegerSerializer().serialize("t", value));
        assertThat(Serdes.Integer().deserializer().deserialize("t", bytes)).isEqualTo(value);
    }

    @Property
    void shouldRoundTripDoublesWithKafkasBytes(@ForAll double value) {
        byte[] bytes = Serdes.Double().serializer().serialize("t", value);

        assertThat(bytes).isEqualTo(new org.apache.kafka.common.serialization.DoubleSerializer().serialize("t", value));
        assertThat(Serdes.Double().deserializer().deserialize("t", bytes)).isEqualTo(value);
    }

    @Property
    void shouldRoundTripStringsAsUtf8(@ForAll String value) {
        byte[] bytes = Serdes.String().serializer().serialize("t", value);

        assertThat(bytes).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThat(Serdes.String().deserializer().deserialize("t", bytes)).isEqualTo(value);
    }

    @Test
    void shouldWriteUuidsAsKafkaDoes() {
        UUID id = UUID.randomUUID();

        byte[] bytes = Serdes.UUID().serializer().serialize("t", id);

        assertThat(bytes).isEqualTo(new org.apache.kafka.common.serialization.UUIDSerializer().serialize("t", id));
        assertThat(Serdes.UUID().deserializer().deserialize("t", bytes)).isEqualTo(id);
    }

    @Test
    void shouldSerializeTheRemainingBytesOfAByteBufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4}).position(1);

        byte[] bytes = Serdes.ByteBuffer().serializer().serialize("t", buffer);

        assertThat(bytes).containsExactly(2, 3, 4);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void shouldPassNullThroughEverySerde() {
        assertThat(Serdes.String().serializer().serialize("t", null)).isNull();
        assertThat(Serdes.Long().deserializer().deserialize("t", null)).isNull();
        assertThat(Serdes.ByteArray().serializer().serialize("t", null)).isNull();
        assertThat(Serdes.Void().serializer().serialize("t", null)).isNull();
        assertThat(new JsonSerde<>(Point.class).serializer().serialize("t", null))
                .isNull();
    }

    @Test
    void shouldRejectWrongSizesWithSerializationException() {
        assertThatThrownBy(() -> Serdes.Integer().deserializer().deserialize("t", new byte[3]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> Serdes.Long().deserializer().deserialize("t", new byte[9]))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Serdes.Void().deserializer().deserialize("t", new byte[1]))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Serdes.UUID().deserializer().deserialize("t", "nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRoundTripUserTypesThroughJson() {
        Serde<Point> serde = new JsonSerde<>(Point.class);

        byte[] bytes = serde.serializer().serialize("t", new Point(3, "a"));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"x\":3,\"label\":\"a\"}");
        assertThat(serde.deserializer().deserialize("t", new RecordHeaders(), bytes))
                .isEqualTo(new Point(3, "a"));
    }

    @Test
    void shouldFailWithSerializationExceptionWhenJsonDoesNotParse() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new JsonSerde<>(Point.class).deserializer().deserialize("t", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Point.class.getName());
    }

    @Test
    void shouldUseTheConfiguredEncodingWhenOneIsGiven() {
        StringSerializer serializer = new StringSerializer();

        serializer.configure(Map.of("value.serializer.encoding", "UTF-16BE"), false);

        assertThat(serializer.serialize("t", "A")).containsExactly(0, 'A');
        assertThatThrownBy(() -> new StringDeserializer().configure(Map.of("deserializer.encoding", "nope-x"), true))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("deserializer.encoding");
    }
}
