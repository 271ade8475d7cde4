package io.runnel.broker.purgatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.common.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayedOperationPurgatoryTest {

    /** Completes once the shared counter reaches a target, like a fetch waiting for min.bytes. */
    private static final class WaitForBytes extends DelayedOperation {
        final AtomicLong available;
        final long needed;
        final AtomicInteger completions = new AtomicInteger();
        volatile boolean expired;

        WaitForBytes(long deadline, AtomicLong available, long needed) {
            super(deadline);
            this.available = available;
            this.needed = needed;
        }

        @Override
        public boolean tryComplete() {
            return available.get() >= needed && forceComplete();
        }

        @Override
        protected void onExpiration() {
            expired = true;
        }

        @Override
        protected void onComplete() {
            completions.incrementAndGet();
        }
    }

    @Test
    void shouldCompleteAtOnceWhenTheConditionAlreadyHolds() throws InterruptedException {
        ManualTime time = new ManualTime(0);
        try (DelayedOperationPurgatory<String> purgatory = new DelayedOperationPurgatory<>("fetch", time, 10, false)) {
            WaitForBytes op = new WaitForBytes(500, new AtomicLong(10), 5);

            assertThat(purgatory.tryCompleteElseWatch(op, List.of("p0"))).isTrue();

            assertThat(op.completions).hasValue(1);
            assertThat(purgatory.watched("p0")).isZero();
            assertThat(purgatory.delayed()).isZero();
        }
    }

    @Test
    void shouldCompleteWhenAWatchedKeyChanges() throws InterruptedException {
        ManualTime time = new ManualTime(0);
        AtomicLong bytes = new AtomicLong();
        try (DelayedOperationPurgatory<String> purgatory = new DelayedOperationPurgatory<>("fetch", time, 10, false)) {
            WaitForBytes op = new WaitForBytes(500, bytes, 100);
            assertThat(purgatory.tryCompleteElseWatch(op, List.of("p0", "p1"))).isFalse();
            assertThat(purgatory.watched("p0")).isEqualTo(1);

            bytes.set(100);
            assertThat(purgatory.checkAndComplete("p1")).isEqualTo(1);

            assertThat(op.completions).hasValue(1);
            assertThat(op.expired).isFalse();
            assertThat(purgatory.checkAndComplete("p0")).isZero();
            assertThat(purgatory.delayed()).isZero();
            time.advance(1000);
            assertThat(purgatory.runOnce()).isZero();
            assertThat(op.completions).hasValue(1);
        }
    }

    @Test
    void shouldExpireWhenTheDeadlinePasses() throws InterruptedException {
        ManualTime time = new ManualTime(0);
        try (DelayedOperationPurgatory<String> purgatory = new DelayedOperationPurgatory<>("fetch", time, 10, false)) {
            WaitForBytes op = new WaitForBytes(500, new AtomicLong(), 100);
            purgatory.tryCompleteElseWatch(op, List.of("p0"));

            time.advance(490);
            assertThat(purgatory.runOnce()).isZero();
            time.advance(20);
            assertThat(purgatory.runOnce()).isEqualTo(1);

            assertThat(op.expired).isTrue();
            assertThat(op.completions).hasValue(1);
            assertThat(purgatory.watched("p0")).isZero();
        }
    }

    @Test
    void shouldCompleteExactlyOnceWhenManyThreadsRace() throws Exception {
        ManualTime time = new ManualTime(0);
        AtomicLong bytes = new AtomicLong();
        try (DelayedOperationPurgatory<Integer> purgatory = new DelayedOperationPurgatory<>("race", time, 1, false)) {
            List<WaitForBytes> ops = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                WaitForBytes op = new WaitForBytes(100, bytes, 1);
                ops.add(op);
                purgatory.tryCompleteElseWatch(op, List.of(i % 4));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int key = t;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int k = 0; k < 4; k++) {
                        purgatory.checkAndComplete((key + k) % 4);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            Thread expirer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                time.advance(200);
                purgatory.runOnce();
            });
            expirer.start();

            bytes.set(1);
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            expirer.join();
            purgatory.runOnce();

            assertThat(ops).allSatisfy(op -> assertThat(op.completions).hasValue(1));
        }
    }

    @Test
    void shouldSleepWhileNothingWaitsAndWakeWhenAnOperationIsAdded() throws InterruptedException {
        try (DelayedOperationPurgatory<String> purgatory =
                new DelayedOperationPurgatory<>("idle-test", Time.SYSTEM, 5, true)) {
            Thread reaper = thread("idle-test-reaper");
            // Nothing waits: the reaper parks without a timeout (WAITING), not on its 5 ms tick (TIMED_WAITING).
            await().atMost(Duration.ofSeconds(10)).until(() -> reaper.getState() == Thread.State.WAITING);

            // Repeated so that some adds land while the reaper is on its way to sleep, not only after.
            for (int i = 0; i < 20; i++) {
                WaitForBytes op = new WaitForBytes(Time.SYSTEM.milliseconds() + 20, new AtomicLong(), 1);
                assertThat(purgatory.tryCompleteElseWatch(op, List.of("p0"))).isFalse();

                await().atMost(Duration.ofSeconds(10)).until(() -> op.expired);
                assertThat(op.completions).hasValue(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> reaper.getState() == Thread.State.WAITING);
        }
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    @Test
    void shouldAnswerEveryWaitingOperationWhenClosed() throws InterruptedException {
        ManualTime time = new ManualTime(0);
        WaitForBytes op = new WaitForBytes(60_000, new AtomicLong(), 1);
        DelayedOperationPurgatory<String> purgatory = new DelayedOperationPurgatory<>("fetch", time, 10, true);
        purgatory.tryCompleteElseWatch(op, List.of("p0"));

        purgatory.close();

        assertThat(op.completions).hasValue(1);
        assertThat(op.expired).isTrue();
    }
}
