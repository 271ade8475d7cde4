package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.internal.KafkaClient;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.NetworkClient;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client's I/O thread: owns the {@link NetworkClient} and the pending {@link Call}s; application threads
 * only {@link #submit} calls and {@link #initiateClose close}. {@link #run()} loops over {@link #runOnce(long)} until
 * closed, then fails what is left and closes the network client.
 */
public final class AdminRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AdminRunner.class);

    private final NetworkConfig config;
    private final Time time;
    private final String logPrefix;
    private final Metadata metadata;
    private final KafkaClient network;
    private final MetadataUpdater metadataUpdater;
    private final ConcurrentLinkedQueue<Call> newCalls = new ConcurrentLinkedQueue<>();
    /** Calls waiting to be sent; I/O thread only. */
    private final List<Call> pending = new ArrayList<>();

    private int inFlight;
    private volatile boolean closing;
    private volatile long closeDeadlineMs = Long.MAX_VALUE;

    public AdminRunner(NetworkConfig config, Time time, String logPrefix) {
        this.config = config;
        this.time = time;
        this.logPrefix = logPrefix;
        this.metadata = new Metadata(config);
        this.network = new NetworkClient(config, time, logPrefix);
        this.metadataUpdater = new MetadataUpdater(metadata, network, config, time, false, logPrefix);
    }

    /**
     * Queues a call; any thread may call this.
     *
     * @return false if the admin client is closing (the caller fails the call)
     */
    public boolean submit(Call call) {
        if (closing) {
            return false;
        }
        newCalls.add(call);
        network.wakeup();
        return true;
    }

    /** Stops taking calls; pending ones may complete until {@code deadlineMs}, then fail. Any thread. */
    public void initiateClose(long deadlineMs) {
        closing = true;
        closeDeadlineMs = deadlineMs;
        network.wakeup();
    }

    @Override
    public void run() {
        try {
            while (true) {
                long now = time.milliseconds();
                boolean idle = newCalls.isEmpty() && pending.isEmpty() && inFlight == 0;
                if (closing && (idle || now >= closeDeadlineMs)) {
                    break;
                }
                runOnce(now);
            }
        } catch (RuntimeException e) {
            log.error("{} The admin client's I/O thread failed", logPrefix, e);
        } finally {
            failAll(new TimeoutException("the admin client was closed before the call completed"));
            network.close();
            failAll(new TimeoutException("the admin client was closed before the call completed"));
            metadata.close();
            log.debug("{} Admin client I/O thread stopped", logPrefix);
        }
    }

    /** One pass: take new calls, refresh metadata, send what can be sent, do network work. */
    void runOnce(long now) {
        Call next;
        while ((next = newCalls.poll()) != null) {
            pending.add(next);
        }
        long wait = Math.min(metadataUpdater.maybeUpdate(now), 1_000L);
        Targets targets = new Targets(now);
        Iterator<Call> calls = pending.iterator();
        while (calls.hasNext()) {
            Call call = calls.next();
            if (now >= call.deadlineMs) {
                calls.remove();
                call.fail(timeout(call));
                continue;
            }
            if (now < call.nextAttemptMs) {
                wait = Math.min(wait, call.nextAttemptMs - now);
                continue;
            }
            wait = Math.min(wait, call.deadlineMs - now);
            Node node = call.target(targets);
            if (node == null) {
                metadata.requestUpdate();
                wait = Math.min(wait, config.retryBackoff().toMillis());
                continue;
            }
            if (!network.ready(node, now)) {
                wait = Math.min(wait, Math.max(1, config.reconnectBackoff().toMillis()));
                continue;
            }
            calls.remove();
            send(call, node, now);
        }
        if (closing) {
            wait = Math.min(wait, Math.max(0, closeDeadlineMs - now));
        }
        network.poll(Math.max(0, wait), now);
    }

    private void send(Call call, Node node, long now) {
        long remaining = call.deadlineMs - now;
        inFlight++;
        log.debug("{} Sending {} to {}", logPrefix, call.name, node);
        network.send(
                node,
                call.apiKey(),
                call.request((int) Math.min(Integer.MAX_VALUE, remaining)),
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        inFlight--;
                        if (body == null) {
                            call.fail(new IllegalStateException(call.name + " got no response body"));
                            return;
                        }
                        try {
                            call.handle(body, AdminRunner.this);
                        } catch (RetriableException e) {
                            retry(call, e);
                        } catch (RuntimeException e) {
                            call.fail(e);
                        }
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        inFlight--;
                        if (error instanceof RetriableException) {
                            retry(call, error);
                        } else {
                            call.fail(error);
                        }
                    }
                },
                true,
                now,
                Math.min(config.requestTimeout().toMillis(), Math.max(1, remaining)));
    }

    /** Queues a follow-up call from a handler on the I/O thread. */
    public void enqueue(Call call) {
        pending.add(call);
    }

    /**
     * Queues {@code call} again after {@code retry.backoff.ms}, from a handler on the I/O thread, or fails it with a
     * timeout if its deadline has passed.
     */
    public void retryLater(Call call, RuntimeException cause) {
        retry(call, cause);
    }

    private void retry(Call call, RuntimeException error) {
        long now = time.milliseconds();
        call.tries++;
        call.lastError = error;
        metadata.requestUpdate();
        if (now >= call.deadlineMs || closing) {
            call.fail(timeout(call));
            return;
        }
        log.debug("{} Retrying {} after {}", logPrefix, call.name, error.toString());
        call.nextAttemptMs = now + config.retryBackoff().toMillis();
        pending.add(call);
    }

    private TimeoutException timeout(Call call) {
        String message = call.name + " timed out after " + call.tries + " attempt(s)";
        RuntimeException cause = call.lastError;
        String unreachable = network.lastConnectionFailure();
        if (cause == null && unreachable != null) {
            return new TimeoutException("cannot reach the cluster (" + unreachable + "); " + message);
        }
        return cause == null
                ? new TimeoutException(message)
                : new TimeoutException(message + "; last error: " + cause.getMessage(), cause);
    }

    private void failAll(RuntimeException error) {
        Call call;
        while ((call = newCalls.poll()) != null) {
            pending.add(call);
        }
        for (Call pendingCall : pending) {
            pendingCall.fail(error);
        }
        pending.clear();
    }

    private final class Targets implements Call.Targets {
        private final long now;

        Targets(long now) {
            this.now = now;
        }

        @Override
        public @Nullable Node any() {
            return network.leastLoadedNode(metadataUpdater.candidates(), now);
        }

        @Override
        public @Nullable Node controller() {
            if (metadata.cluster().nodes().isEmpty()) {
                return null;
            }
            Node controller = metadata.cluster().controller();
            return controller != null ? controller : any();
        }

        @Override
        public @Nullable Node node(int id) {
            return metadata.cluster().node(id);
        }
    }
}
