package io.runnel.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.storage.LogConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GroupApisTest {
    @Test
    void shouldGiveTheOffsetsTopicConfigsTheLogAcceptsWhenCreatingIt() {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.fromMap(Map.of("offsets.topic.segment.bytes", 65536));

        LogConfig offsets = LogConfig.fromMap(Map.of()).with(GroupApis.offsetsTopicConfigs(config));

        assertThat(offsets.compact()).isTrue();
        assertThat(offsets.delete()).isFalse();
        assertThat(offsets.segmentBytes()).isEqualTo(65536);
    }
}
