package io.runnel.storage;

import io.runnel.common.Time;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it. Thread-safe. */
public final class MockTime implements Time {
    private final AtomicLong nanos;

    public MockTime(long startMs) {
        this.nanos = new AtomicLong(startMs * 1_000_000L);
    }

    @Override
    public long milliseconds() {
        return nanos.get() / 1_000_000L;
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    public void sleep(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }
}
