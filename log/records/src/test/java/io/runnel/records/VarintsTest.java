package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class VarintsTest {
    @Property
    void shouldEncodeIntsAsKafkaDoes(@ForAll int value) {
        ByteBuffer ours = ByteBuffer.allocate(10);
        ByteBuffer kafka = ByteBuffer.allocate(10);

        Varints.writeVarint(value, ours);
        ByteUtils.writeVarint(value, kafka);

        assertThat(ours.flip()).isEqualTo(kafka.flip());
        assertThat(Varints.sizeOfVarint(value)).isEqualTo(ours.remaining());
        assertThat(Varints.readVarint(ours.duplicate())).isEqualTo(value);
    }

    @Property
    void shouldEncodeLongsAsKafkaDoes(@ForAll long value) {
        ByteBuffer ours = ByteBuffer.allocate(10);
        ByteBuffer kafka = ByteBuffer.allocate(10);

        Varints.writeVarlong(value, ours);
        ByteUtils.writeVarlong(value, kafka);

        assertThat(ours.flip()).isEqualTo(kafka.flip());
        assertThat(Varints.sizeOfVarlong(value)).isEqualTo(ours.remaining());
        assertThat(Varints.readVarlong(ours.duplicate())).isEqualTo(value);
    }

    @Test
    void shouldRejectVarintWhenLongerThanFiveBytes() {
        ByteBuffer buffer =
                ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1});

        assertThatThrownBy(() -> Varints.readVarint(buffer))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("longer than 5 bytes");
    }

    @Test
    void shouldRejectVarintWhenTruncated() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {(byte) 0x80});

        assertThatThrownBy(() -> Varints.readVarint(buffer))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("past the end");
    }
}
