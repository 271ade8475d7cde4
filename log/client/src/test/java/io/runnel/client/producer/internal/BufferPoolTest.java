package io.runnel.client.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.Time;
import io.runnel.common.errors.TimeoutException;
import io.runnel.records.RecordBatchBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BufferPoolTest {
    @Test
    void shouldReuseBatchSizedBuildersWhenTheyAreReleased() {
        BufferPool pool = new BufferPool(1024, 256, Time.SYSTEM);

        RecordBatchBuilder first = pool.allocate(256, 0);
        pool.deallocate(first, 256);
        RecordBatchBuilder second = pool.allocate(256, 0);

        assertThat(second).isSameAs(first);
        assertThat(pool.availableMemory()).isEqualTo(768);
    }

    @Test
    void shouldTimeOutWhenMemoryIsUsedUp() {
        BufferPool pool = new BufferPool(512, 256, Time.SYSTEM);
        pool.allocate(256, 0);
        pool.allocate(256, 0);

        assertThatThrownBy(() -> pool.allocate(256, 20))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("256 bytes");
        assertThat(pool.hasWaiters()).isFalse();
    }

    @Test
    void shouldUnblockAWaiterWhenMemoryIsReleased() throws Exception {
        BufferPool pool = new BufferPool(512, 256, Time.SYSTEM);
        RecordBatchBuilder held = pool.allocate(512, 0);
        CountDownLatch started = new CountDownLatch(1);

        CompletableFuture<RecordBatchBuilder> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return pool.allocate(256, 30_000);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(pool::hasWaiters);
        pool.deallocate(held, 512);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(pool.availableMemory()).isEqualTo(256);
    }

    @Test
    void shouldTurnPooledBuildersBackIntoMemoryForALargerRequest() {
        BufferPool pool = new BufferPool(512, 256, Time.SYSTEM);
        pool.deallocate(pool.allocate(256, 0), 256);
        pool.deallocate(pool.allocate(256, 0), 256);

        RecordBatchBuilder large = pool.allocate(512, 0);

        assertThat(large).isNotNull();
        assertThat(pool.availableMemory()).isZero();
    }

    @Test
    void shouldFailWaitersWhenClosed() throws Exception {
        BufferPool pool = new BufferPool(256, 256, Time.SYSTEM);
        pool.allocate(256, 0);
        CompletableFuture<RecordBatchBuilder> waiting = CompletableFuture.supplyAsync(() -> pool.allocate(256, 30_000));
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(pool::hasWaiters);

        pool.close();

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }
}
