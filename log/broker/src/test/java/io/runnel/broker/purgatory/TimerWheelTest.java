package io.runnel.broker.purgatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimerWheelTest {
    private static final long START = 1_000_000L;

    private static final class Recording extends TimerTask {
        final ManualTime time;
        long ranAt = -1;
        int runs;

        Recording(ManualTime time, long deadline) {
            super(deadline);
            this.time = time;
        }

        @Override
        protected void run() {
            runs++;
            ranAt = time.milliseconds();
        }
    }

    @Property(tries = 200)
    void shouldRunEveryTaskOnceAtTheFirstTickAfterItsDeadline(@ForAll long seed) {
        Random random = new Random(seed);
        ManualTime time = new ManualTime(START);
        long tick = 1 + random.nextInt(20);
        TimerWheel wheel = new TimerWheel(time, tick, 1 << (1 + random.nextInt(5)));
        List<Recording> tasks = new ArrayList<>();
        List<Long> advances = new ArrayList<>();

        for (int step = 0; step < 200; step++) {
            if (random.nextBoolean()) {
                long deadline = time.milliseconds() + random.nextInt(2000) - 50;
                Recording task = new Recording(time, deadline);
                if (random.nextInt(10) == 0) {
                    task.cancel();
                }
                tasks.add(task);
                wheel.add(task);
            } else {
                time.advance(random.nextInt(random.nextInt(10) == 0 ? 5000 : 30));
                wheel.advanceClock();
                advances.add(time.milliseconds());
            }
        }
        time.advance(10_000);
        wheel.advanceClock();
        advances.add(time.milliseconds());

        for (Recording task : tasks) {
            if (task.isCancelled()) {
                assertThat(task.runs).isZero();
                continue;
            }
            assertThat(task.runs)
                    .as("runs of task due at %d", task.deadlineMs())
                    .isEqualTo(1);
            assertThat(task.ranAt).isGreaterThanOrEqualTo(task.deadlineMs() - tick + 1);
            long dueTick = Math.max(0, (task.deadlineMs() - START + tick - 1) / tick);
            long firstDue = advances.stream()
                    .filter(t -> t >= task.ranAt - 0 && (t - START) / tick >= dueTick)
                    .findFirst()
                    .orElseThrow();
            assertThat(task.ranAt).isEqualTo(firstDue);
        }
        assertThat(wheel.size()).isZero();
    }

    @Test
    void shouldNotRunACancelledTask() {
        ManualTime time = new ManualTime(START);
        TimerWheel wheel = new TimerWheel(time, 10, 8);
        Recording task = new Recording(time, START + 50);
        wheel.add(task);

        task.cancel();
        wheel.remove(task);
        time.advance(1000);

        assertThat(wheel.advanceClock()).isZero();
        assertThat(task.runs).isZero();
        assertThat(wheel.size()).isZero();
    }
}
