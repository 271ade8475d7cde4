package io.runnel.storage.cleaner;

import io.runnel.common.Time;
import java.util.concurrent.TimeUnit;

/** A clock that moves only when a test moves it. Thread-safe. */
final class ManualTime implements Time {
    private volatile long nowMs;
    private volatile long nanos;

    ManualTime(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nanos;
    }

    synchronized void advance(long ms) {
        nowMs += ms;
        nanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
