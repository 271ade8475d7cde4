package io.runnel.client.internal;

import io.runnel.common.Time;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.message.MetadataResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The client's view of the cluster, shared by the application threads (which read it and wait for updates) and the
 * I/O thread (which refreshes it through {@link MetadataUpdater}). A refresh is due when someone {@link
 * #requestUpdate() asks} (a new topic, a {@code NOT_LEADER_OR_FOLLOWER} or unknown-topic error), at most once per
 * {@code retry.backoff.ms}, and in any case every {@code metadata.max.age.ms}.
 *
 * <p>Thread-safe: the {@link Cluster} snapshot is immutable and replaced whole; the rest is guarded by this object's
 * monitor, on which waiters block.
 */
public final class Metadata {
    private final long refreshBackoffMs;
    private final long maxAgeMs;

    private volatile Cluster cluster;
    private final Set<String> topics = new HashSet<>();
    private boolean needUpdate = true;
    /** Counts the reasons to update; an answer to a request sent before the latest one leaves an update due. */
    private int updateRequests;

    private int updateRequestsAtAttempt;
    private boolean allTopics;
    private long lastAttemptMs = Long.MIN_VALUE / 2;
    private long lastRefreshMs;
    private int version;
    private @Nullable RunnelException fatalError;
    private boolean closed;

    public Metadata(NetworkConfig config) {
        this.refreshBackoffMs = config.retryBackoff().toMillis();
        this.maxAgeMs = config.metadataMaxAge().toMillis();
        this.cluster = Cluster.bootstrap(config.bootstrapServers());
    }

    /** The current snapshot. */
    public Cluster cluster() {
        return cluster;
    }

    /** Adds a topic whose metadata the client needs; a new one makes an update due. */
    public synchronized void addTopic(String topic) {
        if (topics.add(topic)) {
            needUpdate = true;
            updateRequests++;
        }
    }

    /** Replaces the topics of interest. */
    public synchronized void setTopics(Collection<String> newTopics) {
        if (!topics.equals(Set.copyOf(newTopics))) {
            topics.clear();
            topics.addAll(newTopics);
            needUpdate = true;
            updateRequests++;
        }
    }

    /**
     * Whether updates ask for every topic of the cluster (a consumer's pattern subscription) instead of the topics of
     * interest; turning it on makes an update due.
     */
    public synchronized void setAllTopics(boolean all) {
        if (all && !allTopics) {
            needUpdate = true;
            updateRequests++;
        }
        allTopics = all;
    }

    public synchronized boolean allTopics() {
        return allTopics;
    }

    /** The topics of interest, copied. */
    public synchronized Set<String> topics() {
        return Set.copyOf(topics);
    }

    /**
     * Makes an update due.
     *
     * @return the version of the current snapshot, for {@link #awaitUpdate}
     */
    public synchronized int requestUpdate() {
        needUpdate = true;
        updateRequests++;
        return version;
    }

    /** The version of the current snapshot; it grows with every update. */
    public synchronized int version() {
        return version;
    }

    /** Milliseconds until an update is due (0: now). */
    public synchronized long timeToNextUpdate(long nowMs) {
        if (needUpdate) {
            return Math.max(0, lastAttemptMs + refreshBackoffMs - nowMs);
        }
        return Math.max(0, lastRefreshMs + maxAgeMs - nowMs);
    }

    /** The I/O thread sent a metadata request. */
    public synchronized void attempted(long nowMs) {
        lastAttemptMs = nowMs;
        updateRequestsAtAttempt = updateRequests;
    }

    /**
     * The I/O thread received a metadata response.
     *
     * @param allTopics whether the request asked for every topic (then the snapshot is replaced, otherwise merged)
     */
    public synchronized void update(MetadataResponse response, boolean allTopics, long nowMs) {
        Cluster update = Cluster.from(response);
        cluster = allTopics ? update : cluster.mergeTopics(update);
        // a topic added (or an update asked for) while the request was in flight is not in this answer
        needUpdate = updateRequests != updateRequestsAtAttempt;
        lastRefreshMs = nowMs;
        version++;
        notifyAll();
    }

    /** The I/O thread could not refresh; a fatal error (an unsupported protocol version) fails every waiter. */
    public synchronized void failedUpdate(long nowMs, @Nullable RunnelException fatal) {
        lastAttemptMs = nowMs;
        if (fatal != null) {
            fatalError = fatal;
            notifyAll();
        }
    }

    /**
     * Waits until the snapshot's version is past {@code lastVersion}.
     *
     * @throws TimeoutException if that takes until {@code deadlineMs}
     * @throws RunnelException the fatal error of a failed update, or if the client closed
     * @throws InterruptException if the thread is interrupted
     */
    public synchronized void awaitUpdate(int lastVersion, long deadlineMs, Time time, String what) {
        long now = time.milliseconds();
        while (version <= lastVersion) {
            if (fatalError != null) {
                throw fatalError;
            }
            if (closed) {
                throw new RunnelException("the client was closed while waiting for metadata");
            }
            if (now >= deadlineMs) {
                throw new TimeoutException(what);
            }
            try {
                wait(deadlineMs - now);
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            }
            now = time.milliseconds();
        }
    }

    /** Wakes every waiter; they fail. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
