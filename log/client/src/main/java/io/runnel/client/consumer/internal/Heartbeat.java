package io.runnel.client.consumer.internal;

/**
 * The member's clocks, as Kafka's {@code Heartbeat}: when the next heartbeat is due ({@code heartbeat.interval.ms}
 * after the last one was sent, {@code retry.backoff.ms} after one failed), whether the session expired (no successful
 * heartbeat response for {@code session.timeout.ms}: the coordinator has surely removed the member), and whether the
 * application has not polled for {@code max.poll.interval.ms}.
 *
 * <p>Thread-safe: the I/O thread drives the heartbeat clocks, the application thread records polls; all under this
 * object's monitor.
 */
final class Heartbeat {
    private final long sessionTimeoutMs;
    private final long heartbeatIntervalMs;
    private final long maxPollIntervalMs;
    private final long retryBackoffMs;
    private long lastReceivedMs;
    private long nextHeartbeatMs;
    private long lastPollMs;
    private boolean inFlight;

    Heartbeat(
            long sessionTimeoutMs, long heartbeatIntervalMs, long maxPollIntervalMs, long retryBackoffMs, long nowMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.maxPollIntervalMs = maxPollIntervalMs;
        this.retryBackoffMs = retryBackoffMs;
        this.lastPollMs = nowMs;
        resetTimeouts(nowMs);
    }

    /** The application polled. */
    synchronized void poll(long nowMs) {
        lastPollMs = nowMs;
    }

    /** Whether the application has not polled for {@code max.poll.interval.ms}. */
    synchronized boolean pollTimeoutExpired(long nowMs) {
        return nowMs - lastPollMs > maxPollIntervalMs;
    }

    /** Milliseconds until the poll timeout expires. */
    synchronized long timeToPollTimeout(long nowMs) {
        return Math.max(0, lastPollMs + maxPollIntervalMs - nowMs + 1);
    }

    synchronized void sent(long nowMs) {
        nextHeartbeatMs = nowMs + heartbeatIntervalMs;
        inFlight = true;
    }

    synchronized void received(long nowMs) {
        lastReceivedMs = nowMs;
        inFlight = false;
    }

    /** A heartbeat failed without a response: try again after {@code retry.backoff.ms}. */
    synchronized void failed(long nowMs) {
        inFlight = false;
        nextHeartbeatMs = nowMs + retryBackoffMs;
    }

    synchronized boolean inFlight() {
        return inFlight;
    }

    /** Milliseconds until the next heartbeat is due (0: now). */
    synchronized long timeToNextHeartbeat(long nowMs) {
        return Math.max(0, nextHeartbeatMs - nowMs);
    }

    synchronized boolean sessionTimeoutExpired(long nowMs) {
        return nowMs - lastReceivedMs > sessionTimeoutMs;
    }

    /** Restarts the clocks (a join completed, or the coordinator was found again); the first heartbeat is due now. */
    synchronized void resetTimeouts(long nowMs) {
        lastReceivedMs = nowMs;
        nextHeartbeatMs = nowMs;
        inFlight = false;
    }

    /** The heartbeat interval, after which a heartbeat is due once a join completes. */
    synchronized void scheduleAfterJoin(long nowMs) {
        resetTimeouts(nowMs);
        nextHeartbeatMs = nowMs + heartbeatIntervalMs;
    }
}
