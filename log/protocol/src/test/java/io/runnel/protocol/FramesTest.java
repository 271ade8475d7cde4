package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.errors.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FramesTest {
    @Test
    void shouldReturnNullAndKeepPositionWhenFrameIsIncomplete() {
        ByteBuffer buffer =
                ByteBuffer.allocate(6).putInt(5).put((byte) 1).put((byte) 2).flip();

        ByteBuffer frame = Frames.readFrame(buffer, 100);

        assertThat(frame).isNull();
        assertThat(buffer.position()).isZero();
    }

    @Test
    void shouldReturnNullWhenSizePrefixIsIncomplete() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 0, 1});

        assertThat(Frames.readFrame(buffer, 100)).isNull();
    }

    @Test
    void shouldReturnEachFrameWhenTwoAreBackToBack() {
        ByteBuffer buffer = ByteBuffer.allocate(13)
                .putInt(2)
                .put((byte) 7)
                .put((byte) 8)
                .putInt(3)
                .put((byte) 9)
                .put((byte) 10)
                .put((byte) 11)
                .flip();

        ByteBuffer first = Frames.readFrame(buffer, 100);
        ByteBuffer second = Frames.readFrame(buffer, 100);

        assertThat(Canonical.hex(first)).isEqualTo("0708");
        assertThat(Canonical.hex(second)).isEqualTo("090a0b");
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void shouldRejectWhenSizeIsNegative() {
        ByteBuffer buffer = ByteBuffer.allocate(4).putInt(-1).flip();

        assertThatThrownBy(() -> Frames.readFrame(buffer, 100))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void shouldRejectBeforeBufferingWhenSizeExceedsMaximum() {
        ByteBuffer buffer = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip();

        assertThatThrownBy(() -> Frames.readFrame(buffer, Frames.DEFAULT_MAX_FRAME_SIZE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exceeds the maximum");
    }

    @Test
    void shouldPrefixSizeAndKeepContentsWhenFraming() {
        List<ByteBuffer> framed =
                Frames.frame(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));

        assertThat(framed).hasSize(3);
        assertThat(Canonical.hex(framed.get(0))).isEqualTo("00000003");
    }
}
