package io.runnel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@NullUnmarked // JUnit injects the @TempDir field
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseSecondInstanceWhenDirectoryIsLocked() {
        try (StateDirectory first = new StateDirectory(dir, "app")) {
            assertThatThrownBy(() -> new StateDirectory(dir, "app"))
                    .isInstanceOf(StreamsException.class)
                    .hasMessageContaining("in use by another RunnelStreams instance")
                    .hasMessageContaining(first.applicationDir().toString());
        }
    }

    @Test
    void shouldLockAgainWhenFirstInstanceClosed() {
        new StateDirectory(dir, "app").close();

        try (StateDirectory again = new StateDirectory(dir, "app")) {
            assertThat(again.applicationDir()).isEqualTo(dir.resolve("app").toAbsolutePath());
        }
    }

    @Test
    void shouldRefuseTaskWhenAnotherThreadOwnsIt() {
        try (StateDirectory state = new StateDirectory(dir, "app")) {
            state.lockTask(new TaskId(0, 1), "thread-1");

            assertThatThrownBy(() -> state.lockTask(new TaskId(0, 1), "thread-2"))
                    .isInstanceOf(StreamsException.class)
                    .hasMessageContaining("0_1")
                    .hasMessageContaining("thread-1");
        }
    }

    @Test
    void shouldDeleteTaskDirsButKeepBrokerDataWhenCleanedUp() throws Exception {
        try (StateDirectory state = new StateDirectory(dir, "app")) {
            Path task = state.taskDir(new TaskId(0, 0));
            Files.writeString(task.resolve(".checkpoint"), "0\n0\n");
            Path broker = Files.createDirectories(state.applicationDir().resolve("broker"));

            state.cleanUp();

            assertThat(task).doesNotExist();
            assertThat(broker).exists();
        }
    }

    @Test
    void shouldRefuseCleanUpWhenThreadOwnsTask() {
        try (StateDirectory state = new StateDirectory(dir, "app")) {
            state.lockTask(new TaskId(0, 0), "thread-1");

            assertThatThrownBy(state::cleanUp).isInstanceOf(IllegalStateException.class);
        }
    }
}
