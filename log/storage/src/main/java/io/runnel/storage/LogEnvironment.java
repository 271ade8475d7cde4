package io.runnel.storage;

import io.runnel.common.Time;
import io.runnel.records.FileRecords;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The services a log runs on, owned by its creator (the {@link LogManager}): never closed by the log.
 *
 * @param time the clock
 * @param scheduler runs background flushes and delayed file deletion
 * @param channels opens segment files; {@link FileRecords.ChannelOpener#DEFAULT} outside tests
 */
public record LogEnvironment(Time time, ScheduledExecutorService scheduler, FileRecords.ChannelOpener channels) {
    public LogEnvironment(Time time, ScheduledExecutorService scheduler) {
        this(time, scheduler, FileRecords.ChannelOpener.DEFAULT);
    }
}
