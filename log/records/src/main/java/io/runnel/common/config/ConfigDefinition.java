package io.runnel.common.config;

import io.runnel.common.errors.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The table of a component's configuration keys, with Kafka's names: type, default, validator and documentation. It
 * parses string properties into typed values, refusing unknown keys and bad values with a message that names the key,
 * the value and what is accepted, and renders the reference table for {@code docs/}.
 *
 * <p>Components never pass the parsed map around: each turns it into its own typed, immutable config record right
 * away (see {@code LogConfig}). Immutable once built; thread-safe.
 */
public final class ConfigDefinition {
    /** The value types a key can have. */
    public enum Type {
        BOOLEAN,
        INT,
        LONG,
        DOUBLE,
        STRING,
        /** Comma-separated strings. */
        LIST
    }

    /** Checks a parsed value. */
    @FunctionalInterface
    public interface Validator {
        /** @throws InvalidConfigurationException naming {@code key} and {@code value} if the value is not accepted */
        void ensureValid(String key, Object value);

        /** Accepts any value. */
        static Validator any() {
            return (key, value) -> {};
        }

        /** Numbers {@code >= min}. */
        static Validator atLeast(long min) {
            return (key, value) -> {
                if (((Number) value).doubleValue() < min) {
                    throw invalid(key, value, "must be >= " + min);
                }
            };
        }

        /** Numbers in {@code [min, max]}. */
        static Validator between(double min, double max) {
            return (key, value) -> {
                double v = ((Number) value).doubleValue();
                if (v < min || v > max) {
                    throw invalid(key, value, "must be between " + min + " and " + max);
                }
            };
        }

        /** Strings (or every element of a list) among {@code allowed}, case-insensitively. */
        static Validator in(String... allowed) {
            List<String> options = Arrays.asList(allowed);
            return (key, value) -> {
                List<?> values = value instanceof List<?> list ? list : List.of(value);
                if (values.isEmpty()) {
                    throw invalid(key, value, "must name at least one of " + options);
                }
                for (Object v : values) {
                    if (!options.contains(v.toString().toLowerCase(Locale.ROOT))) {
                        throw invalid(key, value, "must be one of " + options);
                    }
                }
            };
        }
    }

    /**
     * One key.
     *
     * @param name the key, as Kafka names it
     * @param type the value type
     * @param defaultValue the value when the key is absent, already typed
     * @param validator checks explicit values
     * @param documentation one sentence for the reference
     */
    public record Key(String name, Type type, Object defaultValue, Validator validator, String documentation) {}

    private final Map<String, Key> keys;

    private ConfigDefinition(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Key> keys() {
        return keys;
    }

    /**
     * Parses {@code properties} (values as strings or already typed) into a map holding every key: the given value
     * or the default.
     *
     * @throws InvalidConfigurationException for an unknown key or a value that does not parse or validate
     */
    public ConfigValues parse(Map<String, ?> properties) {
        for (String name : properties.keySet()) {
            if (!keys.containsKey(name)) {
                throw new InvalidConfigurationException(name, "unknown configuration '" + name + "'");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            Object raw = properties.get(key.name());
            if (raw == null) {
                values.put(key.name(), key.defaultValue());
            } else {
                Object value = convert(key, raw);
                key.validator().ensureValid(key.name(), value);
                values.put(key.name(), value);
            }
        }
        return new ConfigValues(values);
    }

    private static Object convert(Key key, Object raw) {
        String text = raw.toString().trim();
        try {
            return switch (key.type()) {
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw invalid(key.name(), raw, "must be true or false");
                    }
                    yield Boolean.parseBoolean(text);
                }
                case INT -> raw instanceof Integer i ? i : Integer.parseInt(text);
                case LONG -> raw instanceof Long l ? l : Long.parseLong(text);
                case DOUBLE -> raw instanceof Double d ? d : Double.parseDouble(text);
                case STRING -> text;
                case LIST -> {
                    if (raw instanceof List<?> list) {
                        yield List.copyOf(list.stream().map(Object::toString).toList());
                    }
                    List<String> items = new ArrayList<>();
                    for (String item : text.split(",")) {
                        if (!item.isBlank()) {
                            items.add(item.trim());
                        }
                    }
                    yield List.copyOf(items);
                }
            };
        } catch (NumberFormatException e) {
            throw invalid(key.name(), raw, "must be " + (key.type() == Type.DOUBLE ? "a number" : "an integer"));
        }
    }

    static InvalidConfigurationException invalid(String key, @Nullable Object value, String reason) {
        return new InvalidConfigurationException(
                key, "invalid value '" + value + "' for configuration '" + key + "': " + reason);
    }

    /** The reference table, in Markdown: key, type, default, documentation. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        for (Key key : keys.values()) {
            out.append("| `")
                    .append(key.name())
                    .append("` | ")
                    .append(key.type().name().toLowerCase(Locale.ROOT))
                    .append(" | `")
                    .append(
                            key.defaultValue() instanceof List<?> list
                                    ? String.join(
                                            ",",
                                            list.stream().map(Object::toString).toList())
                                    : key.defaultValue())
                    .append("` | ")
                    .append(key.documentation())
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Collects keys in order. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Key> keys = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a key; the default must itself pass the validator. */
        public Builder define(String name, Type type, Object defaultValue, Validator validator, String documentation) {
            if (keys.containsKey(name)) {
                throw new IllegalArgumentException("configuration '" + name + "' is defined twice");
            }
            validator.ensureValid(name, defaultValue);
            keys.put(name, new Key(name, type, defaultValue, validator, documentation));
            return this;
        }

        public ConfigDefinition build() {
            return new ConfigDefinition(keys);
        }
    }
}
