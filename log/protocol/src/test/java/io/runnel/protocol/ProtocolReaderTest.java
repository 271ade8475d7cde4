package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The primitive types against Kafka's own encoders, and the bounds checks that keep bad lengths harmless. */
@Timeout(30)
class ProtocolReaderTest {
    @Property(tries = 2000)
    void shouldWriteUnsignedVarintAsKafkaDoesWhenValueIsNonNegative(@ForAll @IntRange(min = 0) int value) {
        ByteBuffer kafka = ByteBuffer.allocate(5);
        ByteUtils.writeUnsignedVarint(value, kafka);
        ProtocolWriter writer = new ProtocolWriter();

        writer.writeUnsignedVarint(value);

        assertThat(Canonical.hex(writer.toByteBuffer())).isEqualTo(Canonical.hex(kafka.flip()));
        assertThat(ProtocolReader.of(kafka).readUnsignedVarint()).isEqualTo(value);
    }

    @Test
    void shouldRejectWhenUnsignedVarintIsLongerThanFiveBytes() {
        ByteBuffer bytes =
                ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1});

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readUnsignedVarint())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void shouldRejectWhenUnsignedVarintExceedsIntMax() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readUnsignedVarint())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2^31");
    }

    @Test
    void shouldRejectWhenClassicStringLengthIsBelowMinusOne() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe});

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readNullableString("ClientId"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ClientId");
    }

    @Test
    void shouldRejectWhenNonNullableStringIsNull() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {0});

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readCompactString("Topic"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Topic: null is not allowed");
    }

    @Test
    void shouldRejectWhenCompactStringIsLongerThanKafkaAllows() {
        ProtocolWriter writer = new ProtocolWriter();
        writer.writeUnsignedVarint(40_000);
        ByteBuffer bytes =
                ByteBuffer.allocate(40_003).put(writer.toByteBuffer()).position(0);

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readCompactString("Name"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exceeds 32767");
    }

    @Test
    void shouldRejectWhenClassicArrayCannotFit() {
        ByteBuffer bytes = ByteBuffer.allocate(10).putInt(2).flip().limit(10);

        assertThatThrownBy(() -> ProtocolReader.of(bytes).readArrayLength("ApiKeys", 6))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot fit");
    }

    @Test
    void shouldReturnViewWhenReadingCompactBytes() {
        byte[] backing = {4, 9, 8, 7};
        ProtocolReader reader = ProtocolReader.of(ByteBuffer.wrap(backing));

        ByteBuffer view = reader.readCompactBytes("Metadata");
        backing[1] = 1;

        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(3);
        assertThat(view.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void shouldRefuseUnsignedValuesOutOfRangeWhenWriting() {
        ProtocolWriter writer = new ProtocolWriter();

        assertThatThrownBy(() -> writer.writeUint16(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeCompactString("x".repeat(40_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32767");
    }
}
