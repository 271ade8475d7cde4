package io.runnel.storage;

import static io.runnel.storage.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.records.CompressionType;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A topic config change reaches a live log: {@link Log#updateConfig} takes effect on the next operation. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogConfigUpdateTest {
    @TempDir
    Path root;

    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(root);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fixture.close();
    }

    long now() {
        return fixture.time.milliseconds();
    }

    @Test
    void shouldRollTheActiveSegmentWhenSegmentBytesIsLoweredLive() {
        try (Log log = fixture.open(Map.of())) {
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            assertThat(log.numberOfSegments()).isEqualTo(1);

            log.updateConfig(log.config().with(Map.of("segment.bytes", 1024)));
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }

            assertThat(log.numberOfSegments()).isGreaterThan(2);
            assertThat(log.segments().subList(1, log.numberOfSegments()))
                    .allSatisfy(s -> assertThat(s.sizeInBytes()).isLessThanOrEqualTo(1024));
            assertThat(log.logEndOffset()).isEqualTo(200);
        }
    }

    @Test
    void shouldRollWhenSegmentMsIsLoweredLive() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);
            fixture.time.sleep(2_000);

            log.updateConfig(log.config().with(Map.of("segment.ms", 1000)));
            log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);

            assertThat(log.numberOfSegments()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseALargeBatchWhenMaxMessageBytesIsLoweredLive() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);

            log.updateConfig(log.config().with(Map.of("max.message.bytes", 100)));

            assertThatThrownBy(() -> log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0))
                    .isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.message.bytes 100");
            assertThat(log.logEndOffset()).isEqualTo(5);
        }
    }

    @Test
    void shouldApplyNewRetentionBytesOnTheNextRetentionPass() {
        try (Log log = fixture.open(Map.of("segment.bytes", 1024))) {
            for (int i = 0; i < 40; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            assertThat(log.deleteOldSegments()).isZero();

            log.updateConfig(log.config().with(Map.of("retention.bytes", 3000)));
            int deleted = log.deleteOldSegments();

            assertThat(deleted).isPositive();
            assertThat(log.sizeInBytes() - log.segments().get(0).sizeInBytes()).isLessThan(3000);
            assertThat(log.logEndOffset()).isEqualTo(200);
        }
    }

    @Test
    void shouldStopTimeRetentionWhenPolicyBecomesCompactOnly() {
        try (Log log = fixture.open(Map.of("segment.bytes", 1024, "retention.ms", 1))) {
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            fixture.time.sleep(10_000);

            log.updateConfig(log.config().with(Map.of("cleanup.policy", "compact")));

            assertThat(log.deleteOldSegments()).isZero();
            assertThat(log.logStartOffset()).isZero();
        }
    }
}
