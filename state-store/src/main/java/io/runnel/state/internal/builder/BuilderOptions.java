package io.runnel.state.internal.builder;

import java.util.Map;

/** The layer switches of a store builder: immutable, copied by each {@code withX}. */
record BuilderOptions(boolean caching, boolean logging, Map<String, String> logConfig) {
    static final BuilderOptions DEFAULTS = new BuilderOptions(false, true, Map.of());

    BuilderOptions {
        logConfig = Map.copyOf(logConfig);
    }

    BuilderOptions withCaching(boolean enabled) {
        return new BuilderOptions(enabled, logging, logConfig);
    }

    BuilderOptions withLogging(boolean enabled, Map<String, String> config) {
        return new BuilderOptions(caching, enabled, config);
    }
}
