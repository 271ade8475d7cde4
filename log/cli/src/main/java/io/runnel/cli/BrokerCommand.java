package io.runnel.cli;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.common.errors.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel broker}: runs one broker in this process until SIGTERM or Ctrl-C, which run the graceful shutdown
 * (connections closed, logs flushed and checkpointed, so the next start skips recovery). With no
 * {@code zookeeper.connect}, the broker starts its own embedded ZooKeeper: a single node needs nothing else.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Runnel broker until it is stopped (SIGTERM or Ctrl-C shut it down gracefully).",
            "Keys are Kafka's broker keys (listeners, log.dirs, zookeeper.connect, num.partitions, log.retention.ms...);"
                    + " see docs/broker.md."
        })
final class BrokerCommand implements Callable<Integer> {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "A properties file of broker configuration.")
    @Nullable
    Path config;

    @Option(
            names = {"-o", "--override"},
            paramLabel = "KEY=VALUE",
            description = "A configuration value that replaces the file's; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig brokerConfig;
        try {
            brokerConfig = BrokerConfig.load(config, overrides);
        } catch (InvalidConfigurationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid configuration: " + e.getMessage(), e);
        }
        Broker broker = Broker.start(brokerConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            spec.commandLine().getErr().println("runnel: shutting down the broker");
                            broker.close();
                            stopped.countDown();
                        },
                        "runnel-shutdown"));
        spec.commandLine().getOut().println("Runnel broker serving at " + broker.bootstrapServers());
        stopped.await();
        return 0;
    }
}
