package io.runnel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.config.ConfigEntry.Source;
import io.runnel.broker.config.ConfigEntry.Synonym;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.storage.LogConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConfigCatalogTest {
    private final ConfigCatalog catalog = new ConfigCatalog(
            BrokerConfig.fromMap(Map.of("log.retention.ms", "60000", "broker.id", "7", "num.io.threads", "2")));

    static ConfigEntry named(List<ConfigEntry> entries, String name) {
        return entries.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name));
    }

    @Test
    void shouldDescribeEveryTopicKeyWhenATopicHasNoOverrides() {
        List<ConfigEntry> entries = catalog.describeTopic(Map.of());

        assertThat(entries)
                .extracting(ConfigEntry::name)
                .containsExactlyElementsOf(LogConfig.DEFINITION.keys().keySet());
        assertThat(entries).noneMatch(ConfigEntry::readOnly);
    }

    @Test
    void shouldReportTheTopicOverrideFirstWhenOneIsSet() {
        ConfigEntry retention = named(catalog.describeTopic(Map.of("retention.ms", "1000")), "retention.ms");

        assertThat(retention.value()).isEqualTo("1000");
        assertThat(retention.source()).isEqualTo(Source.DYNAMIC_TOPIC_CONFIG);
        assertThat(retention.type()).isEqualTo(ConfigDefinition.Type.LONG);
        assertThat(retention.synonyms())
                .containsExactly(
                        new Synonym("retention.ms", "1000", Source.DYNAMIC_TOPIC_CONFIG),
                        new Synonym("log.retention.ms", "60000", Source.STATIC_BROKER_CONFIG),
                        new Synonym("log.retention.ms", "604800000", Source.DEFAULT_CONFIG));
    }

    @Test
    void shouldReportTheBrokerSettingWhenTheTopicInheritsIt() {
        ConfigEntry retention = named(catalog.describeTopic(Map.of()), "retention.ms");

        assertThat(retention.value()).isEqualTo("60000");
        assertThat(retention.source()).isEqualTo(Source.STATIC_BROKER_CONFIG);
    }

    @Test
    void shouldReportTheDefaultUnderTheBrokerKeyWhenNobodySetIt() {
        ConfigEntry maxMessage = named(catalog.describeTopic(Map.of()), "max.message.bytes");
        ConfigEntry policy = named(catalog.describeTopic(Map.of()), "cleanup.policy");

        assertThat(maxMessage.value()).isEqualTo("1048588");
        assertThat(maxMessage.source()).isEqualTo(Source.DEFAULT_CONFIG);
        assertThat(maxMessage.synonyms())
                .containsExactly(new Synonym("message.max.bytes", "1048588", Source.DEFAULT_CONFIG));
        assertThat(policy.value()).isEqualTo("delete");
        assertThat(policy.type()).isEqualTo(ConfigDefinition.Type.LIST);
        assertThat(policy.documentation()).isNotBlank();
    }

    @Test
    void shouldDescribeBrokerKeysReadOnlyWithTheirSources() {
        List<ConfigEntry> entries = catalog.describeBroker();

        ConfigEntry id = named(entries, "broker.id");
        assertThat(id.value()).isEqualTo("7");
        assertThat(id.source()).isEqualTo(Source.STATIC_BROKER_CONFIG);
        assertThat(id.readOnly()).isTrue();
        ConfigEntry network = named(entries, "num.network.threads");
        assertThat(network.value()).isEqualTo("3");
        assertThat(network.source()).isEqualTo(Source.DEFAULT_CONFIG);
        assertThat(named(entries, "log.retention.ms").value()).isEqualTo("60000");
        assertThat(named(entries, "log.segment.bytes").value()).isEqualTo("1073741824");
        assertThat(entries).extracting(ConfigEntry::name).contains("log.dirs").isSorted();
        assertThat(entries).allMatch(ConfigEntry::readOnly);
    }
}
