package io.runnel.runtime.internal;

import io.runnel.common.Time;

/** A clock that moves only when told. */
final class ManualTime implements Time {
    private long ms = 1_000_000;

    void advance(long millis) {
        ms += millis;
    }

    @Override
    public long milliseconds() {
        return ms;
    }

    @Override
    public long nanoseconds() {
        return ms * 1_000_000;
    }
}
