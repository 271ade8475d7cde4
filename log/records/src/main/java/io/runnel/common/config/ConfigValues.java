package io.runnel.common.config;

import java.util.List;
import java.util.Map;

/**
 * Parsed configuration values, every key of a {@link ConfigDefinition} present (given or defaulted), read by type.
 * Immutable.
 */
public final class ConfigValues {
    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    private Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("configuration '" + key + "' is not defined");
        }
        return value;
    }

    public int getInt(String key) {
        return (Integer) get(key);
    }

    public long getLong(String key) {
        return (Long) get(key);
    }

    public double getDouble(String key) {
        return (Double) get(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

    public List<String> getList(String key) {
        return ((List<?>) get(key)).stream().map(Object::toString).toList();
    }

    /** All values by key. */
    public Map<String, Object> asMap() {
        return values;
    }
}
