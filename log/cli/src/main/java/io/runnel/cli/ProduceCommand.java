package io.runnel.cli;

import io.runnel.client.admin.Admin;
import io.runnel.client.producer.Callback;
import io.runnel.client.producer.Producer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.common.serialization.ByteArraySerializer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runnel produce}: one record per line of standard input (UTF-8), optionally split into key and value at the
 * first key separator, sent by Runnel's idempotent producer. Ends at end of input, after every record is
 * acknowledged; the first failure (a send, or a line without the key separator) ends it with exit code 1, after the
 * records before it are acknowledged.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Sends each line of standard input to a topic as one record.",
            "Example: printf 'k1:hello\\nk2:world\\n' | runnel produce -t greetings --key-separator :"
        })
final class ProduceCommand implements Callable<Integer> {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions client = new ClientOptions();

    @Option(
            names = {"-t", "--topic"},
            required = true,
            paramLabel = "NAME",
            description = "The topic to write to.")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it or fails
    String topic;

    @Option(
            names = {"-k", "--key-separator"},
            paramLabel = "SEP",
            description = "Split each line at the first SEP into key and value (a line without SEP is an error).")
    @Nullable
    String keySeparator;

    @Option(
            names = {"-p", "--partition"},
            paramLabel = "N",
            description = "Write every record to this partition (default: by key hash, or sticky for no key).")
    @Nullable
    Integer partition;

    @Option(
            names = "--acks",
            paramLabel = "ACKS",
            defaultValue = "all",
            description = "0, 1 or all (default: ${DEFAULT-VALUE}); anything else exits with 2.")
    String acks = "all";

    @Option(
            names = "--no-create",
            description = "Fail if the topic does not exist, instead of letting the broker create it"
                    + " (auto.create.topics.enable).")
    boolean noCreate;

    /** How often a line says what the command is waiting for, while records are not acknowledged. */
    private static final long PROGRESS_INTERVAL_MS = 5_000;

    private final InputStream in;

    ProduceCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        if (!List.of("0", "1", "-1", "all").contains(acks)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--acks must be 0, 1 or all, not '" + acks + "'");
        }
        if (partition != null && partition < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partition must not be negative");
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean existed = topicExists();
        if (!existed && noCreate) {
            throw new RefusedException("topic '" + topic + "' does not exist (and --no-create was given)");
        }
        AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean creationReported = new AtomicBoolean(existed);
        long sent = 0;
        try (Producer<byte[], byte[]> producer =
                        new RunnelProducer<>(properties(), new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && failure.get() == null; line = lines.readLine()) {
                sent++;
                send(producer, record(line, sent), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    acknowledged.incrementAndGet();
                    if (creationReported.compareAndSet(false, true)) {
                        err.println("runnel: topic '" + topic + "' did not exist; the broker created it with its"
                                + " defaults (auto.create.topics.enable; --no-create refuses)");
                    }
                });
            }
            awaitAcknowledgements(producer, sent, acknowledged, failure, err);
        }
        Exception error = failure.get();
        if (error != null) {
            spec.commandLine()
                    .getErr()
                    .println("runnel: produce failed after " + acknowledged.get() + " acknowledged records: "
                            + Failures.describe(error));
            return 1;
        }
        return 0;
    }

    /**
     * The producer's configuration: the client options, and timeouts derived from {@code --timeout-ms} so that it
     * bounds the whole command: waiting for metadata ({@code max.block.ms}) and for each record's acknowledgement,
     * retries included ({@code delivery.timeout.ms}), unless {@code -X} sets them.
     */
    private Properties properties() {
        Properties properties = client.producerProperties();
        properties.put("acks", acks);
        long timeout = Math.max(1, client.timeoutMs);
        properties.putIfAbsent("max.block.ms", Long.toString(timeout));
        long linger = longOr(properties, "linger.ms", 5);
        long requestTimeout = Math.min(longOr(properties, "request.timeout.ms", 30_000), Math.max(1, timeout - linger));
        properties.putIfAbsent("request.timeout.ms", Long.toString(requestTimeout));
        properties.putIfAbsent("delivery.timeout.ms", Long.toString(Math.max(timeout, linger + requestTimeout)));
        return properties;
    }

    /** A numeric client setting, or {@code fallback} if unset or not a number (the producer then names the key). */
    private static long longOr(Properties properties, String key, long fallback) {
        try {
            return Long.parseLong(
                    properties.getProperty(key, Long.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private boolean topicExists() throws Exception {
        try (Admin admin = Admin.create(client.properties())) {
            TopicsCommand.describe(admin, topic, client);
            return true;
        } catch (UnknownTopicOrPartitionException missing) {
            return false;
        }
    }

    private void send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, Callback callback) {
        try {
            producer.send(record, callback);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "topic " + topic + " has no partition " + partition + ": " + e.getMessage());
        }
    }

    /**
     * Waits for every record sent to be acknowledged or failed, printing a line every few seconds while some are
     * not, with how long the command may still wait.
     */
    private void awaitAcknowledgements(
            Producer<byte[], byte[]> producer,
            long sent,
            AtomicLong acknowledged,
            AtomicReference<@Nullable Exception> failure,
            PrintWriter err)
            throws InterruptedException {
        Thread flusher = new Thread(producer::flush, "runnel-produce-flush");
        flusher.setDaemon(true);
        flusher.start();
        long startNanos = System.nanoTime();
        while (true) {
            flusher.join(PROGRESS_INTERVAL_MS);
            if (!flusher.isAlive() || failure.get() != null) {
                return;
            }
            long waitedMs = (System.nanoTime() - startNanos) / 1_000_000L;
            err.println("runnel: waiting for " + (sent - acknowledged.get()) + " of " + sent
                    + " record(s) to be acknowledged (retrying; giving up "
                    + Math.max(0, client.timeoutMs - waitedMs) / 1000 + " s from now at most)");
        }
    }

    private ProducerRecord<byte[], byte[]> record(String line, long lineNumber) {
        byte @Nullable [] key = null;
        String value = line;
        String separator = keySeparator;
        if (separator != null) {
            int at = line.indexOf(separator);
            if (at < 0) {
                throw new InputException("line " + lineNumber + " has no key separator '" + separator + "'");
            }
            key = line.substring(0, at).getBytes(StandardCharsets.UTF_8);
            value = line.substring(at + separator.length());
        }
        return new ProducerRecord<>(topic, partition, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
