package io.runnel.cli;

import io.runnel.client.producer.Producer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.serialization.ByteArraySerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
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
            description = "0, 1 or all (default: ${DEFAULT-VALUE}).")
    String acks = "all";

    private final InputStream in;

    ProduceCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        Properties properties = client.producerProperties();
        properties.put("acks", acks);
        properties.putIfAbsent("max.block.ms", Long.toString(client.timeoutMs));
        AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long lineNumber = 0;
        try (Producer<byte[], byte[]> producer =
                        new RunnelProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && failure.get() == null; line = lines.readLine()) {
                lineNumber++;
                producer.send(record(line, lineNumber), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
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
