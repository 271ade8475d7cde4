package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request headers v1/v2 and response headers v0/v1, byte for byte against Kafka's header classes. */
@Timeout(10)
class HeadersTest {
    @ParameterizedTest(name = "v{0} client id {1}")
    @CsvSource({"1, producer-1", "2, producer-1", "1, ''", "2, ''", "1, ", "2, ", "2, é漢🙂"})
    void shouldMatchKafkaRequestHeaderBothWaysWhenVersionIs(short version, String clientId) {
        RequestHeader ours = new RequestHeader((short) 3, (short) 12, 0x01020304, clientId);
        RequestHeaderData kafka = new RequestHeaderData()
                .setRequestApiKey((short) 3)
                .setRequestApiVersion((short) 12)
                .setCorrelationId(0x01020304)
                .setClientId(clientId);
        ByteBuffer kafkaBytes = KafkaMirror.serialize(kafka, version);

        ProtocolWriter writer = new ProtocolWriter();
        ours.write(writer, version);
        RequestHeader decoded = RequestHeader.read(ProtocolReader.of(kafkaBytes), version);

        assertThat(Canonical.hex(writer.toByteBuffer())).isEqualTo(Canonical.hex(kafkaBytes));
        assertThat(decoded).isEqualTo(ours);
    }

    @ParameterizedTest(name = "v{0}")
    @CsvSource({"0", "1"})
    void shouldMatchKafkaResponseHeaderBothWaysWhenVersionIs(short version) {
        ResponseHeader ours = new ResponseHeader(-7);
        ByteBuffer kafkaBytes = KafkaMirror.serialize(new ResponseHeaderData().setCorrelationId(-7), version);

        ProtocolWriter writer = new ProtocolWriter();
        ours.write(writer, version);
        ResponseHeader decoded = ResponseHeader.read(ProtocolReader.of(kafkaBytes), version);

        assertThat(Canonical.hex(writer.toByteBuffer())).isEqualTo(Canonical.hex(kafkaBytes));
        assertThat(decoded).isEqualTo(ours);
    }

    @ParameterizedTest(name = "v{0}")
    @CsvSource({"0", "3"})
    void shouldRejectWhenRequestHeaderVersionIsUnknown(short version) {
        ProtocolWriter writer = new ProtocolWriter();

        assertThatThrownBy(() -> new RequestHeader((short) 0, (short) 0, 0, null).write(writer, version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 or 2");
    }
}
