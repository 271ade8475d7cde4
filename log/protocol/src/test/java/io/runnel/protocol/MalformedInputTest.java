package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.Message;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoders fed truncated, mutated and random bytes: the only exception that may come out is
 * {@link InvalidRequestException} (and {@link UnsupportedVersionException} for a request header naming something
 * Runnel does not speak) — never an {@code IndexOutOfBoundsException}, a {@code NullPointerException} or an
 * {@code OutOfMemoryError} from a length taken at its word.
 */
@Timeout(120)
class MalformedInputTest {
    static Stream<MessageCase> cases() {
        return MessageCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldThrowInvalidRequestWhenBodyIsTruncated(MessageCase c) {
        for (long seed = 0; seed < 20; seed++) {
            ByteBuffer whole = c.encode(c.random(seed));

            Random random = new Random(seed);
            int cuts = Math.min(whole.remaining(), 400);
            for (int cut = 0; cut < cuts; cut++) {
                // Every cut point of a small message; 400 random ones of a large one.
                int length = whole.remaining() <= 400 ? cut : random.nextInt(whole.remaining());
                ByteBuffer truncated = whole.duplicate().limit(length);

                assertThatThrownBy(() -> c.decode(truncated))
                        .as("%s seed %d cut at %d of %d", c, seed, length, whole.remaining())
                        .isInstanceOf(InvalidRequestException.class);
            }
        }
    }

    @Property(tries = 3000)
    void shouldDecodeOrThrowInvalidRequestWhenBytesAreMutated(
            @ForAll("cases") MessageCase c, @ForAll long seed, @ForAll("flips") int flips) {
        Random random = new Random(seed);
        ByteBuffer bytes = c.encode(c.random(seed));
        if (bytes.remaining() == 0) {
            return;
        }
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.remaining());
            bytes.put(at, (byte) random.nextInt(256));
        }

        assertDecodesOrFailsCleanly(c, bytes);
    }

    @Property(tries = 3000)
    void shouldDecodeOrThrowInvalidRequestWhenBytesAreRandom(@ForAll("cases") MessageCase c, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);

        assertDecodesOrFailsCleanly(c, ByteBuffer.wrap(bytes));
    }

    @Property(tries = 2000)
    void shouldThrowOnlyTypedExceptionsWhenRequestFrameIsRandom(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(80)];
        random.nextBytes(bytes);
        if (bytes.length >= 4 && random.nextBoolean()) {
            ApiKey key = ApiKey.values()[random.nextInt(ApiKey.values().length)];
            ByteBuffer.wrap(bytes).putShort(key.id()).putShort(key.version());
        }

        assertThatCode(() -> {
                    try {
                        RequestCodec.decode(ByteBuffer.wrap(bytes));
                    } catch (InvalidRequestException | UnsupportedVersionException expected) {
                        // the typed refusal is the outcome under test
                    }
                })
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseWithoutAllocatingWhenArrayCountIsHuge() {
        // Metadata request: Topics = compact array whose count + 1 is 2^31 - 1, then nothing.
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        MessageCase metadata = new MessageCase(ApiKey.METADATA, true);

        assertThatThrownBy(() -> metadata.decode(bytes))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot fit");
    }

    @Test
    void shouldRefuseWhenStringLengthRunsPastTheEnd() {
        // Heartbeat request: GroupId (compact string) claiming 1000 bytes with 2 present.
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xe9, 0x07, 'a', 'b'});
        MessageCase heartbeat = new MessageCase(ApiKey.HEARTBEAT, true);

        assertThatThrownBy(() -> heartbeat.decode(bytes))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void shouldRefuseWhenMessageHasTrailingBytes() {
        MessageCase heartbeat = new MessageCase(ApiKey.HEARTBEAT, false);
        ByteBuffer valid = heartbeat.encode(heartbeat.random(1));
        ByteBuffer longer = ByteBuffer.allocate(valid.remaining() + 1)
                .put(valid)
                .put((byte) 0)
                .flip();

        assertThatThrownBy(() -> heartbeat.decode(longer))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("trailing");
    }

    @Provide("cases")
    Arbitrary<MessageCase> messageCases() {
        return Arbitraries.of(MessageCase.all().toList());
    }

    @Provide("flips")
    Arbitrary<Integer> flips() {
        return Arbitraries.integers().between(1, 4);
    }

    private static void assertDecodesOrFailsCleanly(MessageCase c, ByteBuffer bytes) {
        assertThatCode(() -> {
                    try {
                        Message ignored = c.decode(bytes);
                    } catch (InvalidRequestException expected) {
                        // the typed refusal is the outcome under test
                    }
                })
                .as("%s", c)
                .doesNotThrowAnyException();
    }
}
