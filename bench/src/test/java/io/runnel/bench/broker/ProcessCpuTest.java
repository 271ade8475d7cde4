package io.runnel.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
