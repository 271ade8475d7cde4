package io.runnel.client.internal;

import io.runnel.common.Time;
import java.util.concurrent.TimeUnit;

/** A manual clock for stepping the clients' loops: time moves only when a test {@link #sleep}s. Not thread-safe. */
public final class MockTime implements Time {
    private long nowMs;

    public MockTime(long startMs) {
        this.nowMs = startMs;
    }

    /** Moves the clock forward. */
    public void sleep(long ms) {
        nowMs += ms;
    }

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return TimeUnit.MILLISECONDS.toNanos(nowMs);
    }
}
