package io.runnel.common.header;

import org.jspecify.annotations.Nullable;

/** A record header: a string key and an optional byte value, as Kafka's {@code Header}. */
public interface Header {
    String key();

    /** The value; callers must not change the returned array. */
    byte @Nullable [] value();
}
