package io.runnel.client.internal;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a client's {@code Properties} or {@code Map} against its definition table. As in Kafka, a key the table does
 * not know is logged as a warning and ignored (clients are often given one shared property file); a bad value fails
 * with an {@link io.runnel.common.errors.InvalidConfigurationException} naming the key. Class-valued keys (serializers,
 * partitioner) may be given as a {@code Class} or its name.
 */
public final class ClientConfigParser {
    private static final Logger log = LoggerFactory.getLogger(ClientConfigParser.class);

    private ClientConfigParser() {}

    /** The properties as a map of string keys. */
    public static Map<String, Object> toMap(Properties properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (entry.getKey() instanceof String key && !map.containsKey(key)) {
                map.put(key, entry.getValue());
            }
        }
        return map;
    }

    /**
     * Parses the known keys of {@code config}, warning about the others.
     *
     * @param extraKeys keys that are read elsewhere (for example serializer settings) and not warned about
     */
    public static ConfigValues parse(
            ConfigDefinition definition, Map<String, ?> config, String component, java.util.Set<String> extraKeys) {
        Map<String, Object> known = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (definition.keys().containsKey(key)) {
                if (value != null) {
                    known.put(key, value instanceof Class<?> type ? type.getName() : value);
                }
            } else if (!extraKeys.contains(key) && !isPassThrough(key)) {
                log.warn("The {} configuration '{}' was supplied but is not a known config.", component, key);
            }
        }
        return definition.parse(known);
    }

    /**
     * Keys that are not the client's but are expected in its config: serializer settings ({@code *.encoding}) and
     * Runnel's internal keys ({@code __runnel.*}), which a component hands through a client to its plug-ins (the
     * streams runtime gives its partition assignor the topology this way).
     */
    static boolean isPassThrough(String key) {
        return key.endsWith(".encoding") || key.startsWith(INTERNAL_PREFIX);
    }

    /** The prefix of Runnel's internal config keys, passed through to plug-ins without a warning. */
    public static final String INTERNAL_PREFIX = "__runnel.";
}
