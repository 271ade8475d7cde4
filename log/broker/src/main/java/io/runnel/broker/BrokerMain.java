package io.runnel.broker;

import io.runnel.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one broker until the process is told to stop: {@code BrokerMain [--config file] [--override key=value]...}.
 * SIGTERM (and Ctrl-C) run the graceful shutdown of {@link Broker#close()} from a shutdown hook, so the next start
 * skips recovery.
 */
public final class BrokerMain {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        @Nullable Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (arg.equals("--override") && i + 1 < args.length && args[i + 1].contains("=")) {
                String pair = args[++i];
                overrides.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg
                        + "': usage: BrokerMain [--config file] [--override key=value]...");
            }
        }
        Broker broker = Broker.start(BrokerConfig.load(file, overrides));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Shutdown signal received");
                            broker.close();
                            stopped.countDown();
                        },
                        "runnel-shutdown"));
        log.info("Broker serving at {}", broker.bootstrapServers());
        stopped.await();
    }
}
