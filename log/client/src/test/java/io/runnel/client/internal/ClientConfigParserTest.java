package io.runnel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientConfigParserTest {
    @Test
    void shouldPassInternalAndEncodingKeysThroughWhenTheyAreNotTheClients() {
        assertThat(ClientConfigParser.isPassThrough("__runnel.streams.topic.groups__"))
                .isTrue();
        assertThat(ClientConfigParser.isPassThrough("key.serializer.encoding")).isTrue();
    }

    @Test
    void shouldWarnAboutAnUnknownKeyWhenItIsNotPassedThrough() {
        assertThat(ClientConfigParser.isPassThrough("bootstrap.server")).isFalse();
        assertThat(ClientConfigParser.isPassThrough("runnel.internal")).isFalse();
    }
}
