package io.runnel.streams.kstream;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Names the processor a DSL operation creates, instead of a generated {@code KSTREAM-…-0000000001} name. */
public class Named {
    protected final @Nullable String name;

    protected Named(@Nullable String name) {
        this.name = name;
    }

    protected Named(Named other) {
        this(other.name);
    }

    /** @throws IllegalArgumentException if the name is empty or has characters outside {@code [a-zA-Z0-9._-]} */
    public static Named as(String name) {
        return new Named(check(name));
    }

    static String check(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (name.isEmpty() || !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "Name \"" + name + "\" is illegal: it must be non-empty and use only [a-zA-Z0-9._-]");
        }
        if (name.length() > 249) {
            throw new IllegalArgumentException("Name is too long (" + name.length() + " > 249 chars): " + name);
        }
        return name;
    }

    public Named withName(String name) {
        return new Named(check(name));
    }
}
