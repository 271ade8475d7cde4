package io.runnel.client.admin;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The configs of one resource, as Kafka's {@code Config}. Immutable.
 *
 * @param entries every entry, in the broker's order
 */
public record Config(List<ConfigEntry> entries) {
    public Config {
        entries = List.copyOf(entries);
    }

    public Config(Collection<ConfigEntry> entries) {
        this(List.copyOf(entries));
    }

    /** The entry for {@code name}, or null. */
    public @Nullable ConfigEntry get(String name) {
        for (ConfigEntry entry : entries) {
            if (entry.name().equals(name)) {
                return entry;
            }
        }
        return null;
    }
}
