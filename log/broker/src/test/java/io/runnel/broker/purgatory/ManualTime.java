package io.runnel.broker.purgatory;

import io.runnel.common.Time;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when the test moves it. */
final class ManualTime implements Time {
    private final AtomicLong ms;

    ManualTime(long startMs) {
        this.ms = new AtomicLong(startMs);
    }

    @Override
    public long milliseconds() {
        return ms.get();
    }

    @Override
    public long nanoseconds() {
        return ms.get() * 1_000_000L;
    }

    void advance(long deltaMs) {
        ms.addAndGet(deltaMs);
    }
}
