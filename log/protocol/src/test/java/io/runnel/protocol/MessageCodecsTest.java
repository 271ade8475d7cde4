package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.protocol.message.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request and response body of every API, against Apache Kafka's own classes (kafka-clients 4.4.0) at the same
 * version: the same data must give the same bytes, and each side must read the other's bytes into the same data.
 * Data is random (see {@link RandomMessages}), {@value #SEEDS} messages per body, so that nullable, tagged and nested
 * fields are seen both set and unset.
 */
@Timeout(120)
class MessageCodecsTest {
    private static final int SEEDS = 150;

    static Stream<MessageCase> cases() {
        return MessageCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldEncodeTheSameBytesAsKafkaWhenGivenEquivalentData(MessageCase c) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Message ours = c.random(seed);
            ApiMessage kafka = KafkaMirror.toKafka(ours);

            ByteBuffer expected = KafkaMirror.serialize(kafka, c.version());
            ByteBuffer actual = c.encode(ours);

            assertThat(Canonical.hex(actual)).as("%s seed %d", c, seed).isEqualTo(Canonical.hex(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecodeKafkaBytesIntoEqualDataWhenKafkaEncoded(MessageCase c) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Message original = c.random(seed);
            ApiMessage kafka = KafkaMirror.toKafka(original);
            ByteBuffer kafkaBytes = KafkaMirror.serialize(kafka, c.version());

            Message decoded = c.decode(kafkaBytes);

            assertThat(Canonical.of(decoded)).as("%s seed %d", c, seed).isEqualTo(Canonical.of(original));
            assertThat(Canonical.of(decoded))
                    .as("%s seed %d, against Kafka's getters", c, seed)
                    .isEqualTo(Canonical.of(KafkaMirror.fromKafka(kafka, c.type())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldBeReadByKafkaIntoEqualDataWhenWeEncoded(MessageCase c) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Message ours = c.random(seed);
            ApiMessage expected = KafkaMirror.toKafka(ours);

            ApiMessage parsed = KafkaMirror.parse(expected.getClass(), c.encode(ours), c.version());

            assertThat(parsed).as("%s seed %d", c, seed).isEqualTo(expected);
        }
    }

    @Property(tries = 400)
    void shouldDecodeToEqualMessageWhenEncodedThenDecoded(@ForAll("cases") MessageCase c, @ForAll long seed) {
        Message message = c.random(seed);

        Message decoded = c.decode(c.encode(message));

        assertThat(Canonical.of(decoded)).isEqualTo(Canonical.of(message));
    }

    @Provide("cases")
    Arbitrary<MessageCase> messageCases() {
        return Arbitraries.of(MessageCase.all().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldHaveAKafkaCounterpartAtTheChosenVersionWhenListed(MessageCase c) {
        ApiMessage kafka = (ApiMessage) newInstance(KafkaMirror.kafkaClass(c.type()));

        assertThat(kafka.apiKey()).isEqualTo(c.api().id());
        assertThat(c.version()).isBetween(kafka.lowestSupportedVersion(), kafka.highestSupportedVersion());
        assertThat(Arrays.asList(c.type().getRecordComponents())).isNotEmpty();
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
