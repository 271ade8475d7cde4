package io.runnel.broker.config;

import io.runnel.broker.config.ConfigEntry.Source;
import io.runnel.broker.config.ConfigEntry.Synonym;
import io.runnel.broker.group.GroupCoordinatorConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManagerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every config key of the broker and of its topics, with effective values and where they come from, as
 * DescribeConfigs reports them.
 *
 * <p>A topic key's value comes from the first level that sets it: the topic's override ({@code
 * DYNAMIC_TOPIC_CONFIG}), the broker's {@code log.*} key in its properties ({@code STATIC_BROKER_CONFIG}), or the
 * default ({@code DEFAULT_CONFIG}, named after the broker key, as Kafka names it). Broker keys are read-only: Runnel
 * has no dynamic broker configs, so they come from the properties or their defaults.
 *
 * <p>Immutable; thread-safe.
 */
public final class ConfigCatalog {
    private static final Map<String, String> BROKER_KEY_OF_TOPIC_KEY = inverse(BrokerConfig.LOG_DEFAULTS);

    private final BrokerConfig broker;
    private final Map<String, Object> brokerLogDefaults;

    public ConfigCatalog(BrokerConfig broker) {
        this.broker = broker;
        this.brokerLogDefaults = broker.logManager().defaultLogConfig().toMap();
    }

    /**
     * Every topic key, in definition order, for a topic with these overrides.
     *
     * @param overrides the topic's config overrides, as stored
     */
    public List<ConfigEntry> describeTopic(Map<String, String> overrides) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigDefinition.Key key : LogConfig.DEFINITION.keys().values()) {
            String brokerKey = BROKER_KEY_OF_TOPIC_KEY.getOrDefault(key.name(), key.name());
            List<Synonym> synonyms = new ArrayList<>(3);
            String override = overrides.get(key.name());
            if (override != null) {
                synonyms.add(new Synonym(key.name(), override, Source.DYNAMIC_TOPIC_CONFIG));
            }
            String explicit = broker.explicitProperties().get(brokerKey);
            if (explicit != null) {
                synonyms.add(new Synonym(brokerKey, explicit, Source.STATIC_BROKER_CONFIG));
            }
            synonyms.add(new Synonym(brokerKey, render(key.defaultValue()), Source.DEFAULT_CONFIG));
            String value = override != null ? override : render(brokerLogDefaults.get(key.name()));
            entries.add(new ConfigEntry(
                    key.name(), value, synonyms.get(0).source(), false, key.type(), key.documentation(), synonyms));
        }
        return entries;
    }

    /**
     * Every broker key, by name: the broker's own, the listener's, the log manager's, the group coordinator's and the
     * {@code log.*} topic defaults.
     */
    public List<ConfigEntry> describeBroker() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigDefinition.Key key : BrokerConfig.DEFINITION.keys().values()) {
            entries.add(brokerEntry(key.name(), key));
        }
        for (ConfigDefinition.Key key : NetworkConfig.DEFINITION.keys().values()) {
            entries.add(brokerEntry(key.name(), key));
        }
        for (ConfigDefinition.Key key : LogManagerConfig.DEFINITION.keys().values()) {
            entries.add(brokerEntry(key.name(), key));
        }
        for (ConfigDefinition.Key key : GroupCoordinatorConfig.DEFINITION.keys().values()) {
            entries.add(brokerEntry(key.name(), key));
        }
        BrokerConfig.LOG_DEFAULTS.forEach((brokerKey, topicKey) -> entries.add(brokerEntry(
                brokerKey, Objects.requireNonNull(LogConfig.DEFINITION.keys().get(topicKey)))));
        entries.sort(Comparator.comparing(ConfigEntry::name));
        return entries;
    }

    private ConfigEntry brokerEntry(String name, ConfigDefinition.Key key) {
        String defaultValue = render(key.defaultValue());
        String explicit = broker.explicitProperties().get(name);
        List<Synonym> synonyms = new ArrayList<>(2);
        if (explicit != null) {
            synonyms.add(new Synonym(name, explicit, Source.STATIC_BROKER_CONFIG));
        }
        synonyms.add(new Synonym(name, defaultValue, Source.DEFAULT_CONFIG));
        return new ConfigEntry(
                name,
                explicit != null ? explicit : defaultValue,
                synonyms.get(0).source(),
                true,
                key.type(),
                key.documentation(),
                synonyms);
    }

    /** A typed config value as Kafka writes it: lists comma-separated, numbers and strings as themselves. */
    static String render(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return value.toString();
    }

    private static Map<String, String> inverse(Map<String, String> map) {
        Map<String, String> inverse = new HashMap<>();
        map.forEach((k, v) -> inverse.put(v, k));
        return Map.copyOf(inverse);
    }
}
