package io.runnel.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The options every client command shares: where the cluster is, extra client configuration, how long to wait. */
final class ClientOptions {
    @Option(
            names = {"-b", "--bootstrap-server"},
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9092",
            description = "The broker(s) to connect to, comma-separated (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(
            names = {"-X", "--client-config"},
            paramLabel = "KEY=VALUE",
            description =
                    "A client configuration value with Kafka's key name (e.g. compression.type=zstd); repeatable.")
    Map<String, String> clientConfig = new LinkedHashMap<>();

    @Option(
            names = "--timeout-ms",
            paramLabel = "MS",
            defaultValue = "30000",
            description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
    long timeoutMs = 30_000;

    Properties properties() {
        Properties properties = new Properties();
        properties.putAll(clientConfig);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.putIfAbsent("default.api.timeout.ms", Long.toString(timeoutMs));
        return properties;
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }
}
