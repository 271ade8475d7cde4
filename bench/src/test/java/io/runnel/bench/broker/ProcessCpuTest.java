package io.runnel.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProcessCpuTest {

    @Test
    void shouldReadUserAndSystemTicksWhenLineIsWellFormed() {
        // utime 1234 and stime 56 ticks (fields 14 and 15), 100 ticks per second.
        String line = "4242 (java) S 1 4242 4242 0 -1 4194560 51820 0 3 0 1234 56 0 0 20 0 60 0 29311 5771104256"
                + " 110423 18446744073709551615 1 1 0 0 0 0 0 2 16899 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcessCpu.parseMillis(line)).contains(new ProcessCpu.Millis(12_340, 560));
    }

    @Test
    void shouldCountFieldsFromLastParenthesisWhenCommandNameHoldsSpacesAndParentheses() {
        String line = "77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 5 0 0";

        assertThat(ProcessCpu.parseMillis(line)).contains(new ProcessCpu.Millis(3_000, 2_000));
    }

    @Test
    void shouldBeEmptyWhenLineIsTruncatedOrNotNumeric() {
        assertThat(ProcessCpu.parseMillis("77 (java) S 1 77 77 0 -1 0 0 0")).isEmpty();
        assertThat(ProcessCpu.parseMillis("77 (java) S 1 77 77 0 -1 0 0 0 0 0 x 2 0"))
                .isEmpty();
        assertThat(ProcessCpu.parseMillis("no parenthesis")).isEmpty();
    }

    @Test
    void shouldSubtractStartWhenMeasuringPhase() {
        assertThat(new ProcessCpu.Millis(500, 300).since(new ProcessCpu.Millis(200, 100)))
                .isEqualTo(new ProcessCpu.Millis(300, 200));
    }

    @Test
    void shouldRecognizeHotSpotCompilerThreadsByName() {
        assertThat(ProcessCpu.isCompilerThread("12 (C2 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("13 (C1 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("14 (runnel-io-1) S 1 2 3")).isFalse();
        assertThat(ProcessCpu.isCompilerThread("broken")).isFalse();
    }

    @Test
    void shouldCountCompilerThreadsPerThreadWhenMeasuringPhase() {
        // Thread 7 compiled 300 ms in the phase, thread 9 started in it and compiled 50 ms; thread 8 exited, its
        // share stays in the rest.
        ProcessCpu.Millis start = new ProcessCpu.Millis(1_000, 100, Map.of(7L, 400L, 8L, 200L));
        ProcessCpu.Millis end = new ProcessCpu.Millis(2_000, 300, Map.of(7L, 700L, 9L, 50L));

        ProcessCpu.Millis phase = end.since(start);

        assertThat(phase.total()).isEqualTo(1_200);
        assertThat(phase.compilation()).isEqualTo(350);
        assertThat(phase.excludingCompilation()).isEqualTo(850);
    }

    @Test
    void shouldReadOwnCpuTimeWhenProcessIsAlive() {
        // This JVM has compiled and run code, so it has used some CPU; on a system without /proc it is empty.
        Optional<ProcessCpu.Millis> own =
                ProcessCpu.millis(ProcessHandle.current().pid());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertThat(own).isPresent();
            assertThat(own.get().total()).isPositive();
        } else {
            assertThat(own).isEmpty();
        }
    }
}
