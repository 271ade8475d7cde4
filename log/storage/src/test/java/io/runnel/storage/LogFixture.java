package io.runnel.storage;

import io.runnel.records.FileRecords;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Opens logs in a test directory with a manual clock and a real scheduler; close it after each test. */
public final class LogFixture implements AutoCloseable {
    public final Path root;
    public final MockTime time = new MockTime(1_700_000_000_000L);
    public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-log-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    public FileRecords.ChannelOpener channels = FileRecords.ChannelOpener.DEFAULT;

    public LogFixture(Path root) {
        this.root = root;
    }

    public Path dir() {
        return root.resolve("topic-0");
    }

    public LogEnvironment environment() {
        return new LogEnvironment(time, scheduler, channels);
    }

    public Log open(Map<String, ?> config, RecoveryState state) {
        return Log.open(dir(), LogConfig.fromMap(config), state, environment());
    }

    public Log open(Map<String, ?> config) {
        return open(config, RecoveryState.NONE);
    }

    /** Waits until the scheduler has run every task submitted so far (it has one thread, so they run in order). */
    public void drainScheduler() {
        try {
            scheduler.submit(() -> {}).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
