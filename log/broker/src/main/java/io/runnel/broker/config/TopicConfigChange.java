package io.runnel.broker.config;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.storage.LogConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change to a topic's config overrides, as IncrementalAlterConfigs or AlterConfigs asks for it: applied to the
 * overrides stored now, it gives the new overrides, or throws and changes nothing. The result is checked whole
 * against {@link LogConfig#fromMap} over the broker's defaults, so a resource with one bad entry is refused entirely.
 *
 * <p>Immutable; thread-safe.
 */
public final class TopicConfigChange {
    /** IncrementalAlterConfigs operations, with Kafka's ids ({@code AlterConfigOp.OpType}). */
    public enum OpType {
        SET(0),
        DELETE(1),
        /** Adds values to a list-typed key, skipping those already present. */
        APPEND(2),
        /** Removes values from a list-typed key. */
        SUBTRACT(3);

        private final byte id;

        OpType(int id) {
            this.id = (byte) id;
        }

        public byte id() {
            return id;
        }

        /** @throws InvalidRequestException for an id Kafka does not define */
        public static OpType forId(byte id) {
            for (OpType type : values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new InvalidRequestException("unknown config operation " + id);
        }
    }

    /**
     * One operation on one key.
     *
     * @param name the topic config key
     * @param type the operation
     * @param value the value to set, append or subtract (comma-separated for lists); ignored by DELETE
     */
    public record Op(String name, OpType type, @Nullable String value) {}

    private final boolean replaceAll;
    private final List<Op> ops;

    private TopicConfigChange(boolean replaceAll, List<Op> ops) {
        this.replaceAll = replaceAll;
        this.ops = List.copyOf(ops);
    }

    /**
     * IncrementalAlterConfigs: each operation changes one key; other overrides stay.
     *
     * @throws InvalidRequestException if a key appears twice
     */
    public static TopicConfigChange incremental(List<Op> ops) {
        checkDistinct(ops);
        return new TopicConfigChange(false, ops);
    }

    /**
     * AlterConfigs (legacy): the given keys become the topic's whole set of overrides; every other override is
     * removed.
     *
     * @param sets one {@link OpType#SET} per key; a null value is refused when applied, as Kafka does
     * @throws InvalidRequestException if a key appears twice
     * @throws IllegalArgumentException if an operation is not a SET
     */
    public static TopicConfigChange replacing(List<Op> sets) {
        for (Op op : sets) {
            if (op.type() != OpType.SET) {
                throw new IllegalArgumentException("AlterConfigs only sets keys: " + op);
            }
        }
        checkDistinct(sets);
        return new TopicConfigChange(true, sets);
    }

    private static void checkDistinct(List<Op> ops) {
        Set<String> seen = new HashSet<>();
        for (Op op : ops) {
            if (!seen.add(op.name())) {
                throw new InvalidRequestException("config key '" + op.name() + "' appears more than once");
            }
        }
    }

    /**
     * The overrides after this change.
     *
     * @param current the topic's overrides now
     * @param brokerDefaults the broker's default topic config, which APPEND and SUBTRACT start from for a key the
     *     topic does not override, and which the result is checked over
     * @throws InvalidConfigurationException naming the key for an unknown key, a bad value, a null value to set, or
     *     APPEND / SUBTRACT on a key that is not a list
     */
    public Map<String, String> applyTo(Map<String, String> current, LogConfig brokerDefaults) {
        Map<String, String> updated = replaceAll ? new HashMap<>() : new HashMap<>(current);
        for (Op op : ops) {
            ConfigDefinition.Key key = LogConfig.DEFINITION.keys().get(op.name());
            if (key == null) {
                throw new InvalidConfigurationException("unknown topic config '" + op.name() + "'");
            }
            switch (op.type()) {
                case SET -> updated.put(op.name(), required(op));
                case DELETE -> updated.remove(op.name());
                case APPEND, SUBTRACT -> {
                    if (key.type() != ConfigDefinition.Type.LIST) {
                        throw new InvalidConfigurationException(op.type() + " is only allowed for list configs; '"
                                + op.name() + "' is a " + key.type().name().toLowerCase(Locale.ROOT));
                    }
                    String base = updated.get(op.name());
                    if (base == null) {
                        base = ConfigCatalog.render(brokerDefaults.toMap().get(op.name()));
                    }
                    updated.put(op.name(), combine(base, required(op), op.type() == OpType.APPEND));
                }
            }
        }
        brokerDefaults.with(updated);
        return Map.copyOf(updated);
    }

    private static String required(Op op) {
        String value = op.value();
        if (value == null) {
            throw new InvalidConfigurationException("null value for topic config '" + op.name() + "'");
        }
        return value;
    }

    private static String combine(String base, String change, boolean append) {
        Set<String> items = new LinkedHashSet<>(items(base));
        if (append) {
            items.addAll(items(change));
        } else {
            items.removeAll(items(change));
        }
        return String.join(",", items);
    }

    private static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
