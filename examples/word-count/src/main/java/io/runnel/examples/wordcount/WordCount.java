package io.runnel.examples.wordcount;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.serialization.Serdes;
import io.runnel.runtime.EmbeddedBroker;
import io.runnel.runtime.RunnelStreams;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.QueryableStoreTypes;
import io.runnel.state.ReadOnlyKeyValueStore;
import io.runnel.streams.StoreQueryParameters;
import io.runnel.streams.StreamsConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Counts words with RunnelStreams and prints the most frequent ones.
 *
 * <pre>
 * java -jar word-count.jar [FILE | -] [--top N] [--bootstrap-server HOST:PORT] [--input-topic TOPIC]
 * </pre>
 *
 * <p>Without {@code FILE} it counts a bundled text; {@code -} reads stdin. The lines are produced to the input topic
 * and the topology counts them; once the store's counts add up to every word produced, the top words are printed and
 * the command exits. With {@code --input-topic} nothing is produced: it counts the topic's records until Ctrl-C, then
 * prints the top words. Without {@code --bootstrap-server} a single-node broker runs in this process, with its data in
 * a fresh temporary directory.
 */
public final class WordCount {
    private static final String BUNDLED_TEXT = "/the-river.txt";
    private static final String OUTPUT_TOPIC = "word-counts";

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private WordCount(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new WordCount(System.out).run(options);
    }

    private void run(Options options) throws Exception {
        Path stateDir = Files.createTempDirectory("runnel-word-count");
        @Nullable EmbeddedBroker broker = null;
        String bootstrap;
        if (options.bootstrapServer == null) {
            broker = EmbeddedBroker.start(stateDir.resolve("broker"), Map.of());
            bootstrap = broker.bootstrapServers();
            out.println("Started an embedded Runnel broker on " + bootstrap);
        } else {
            bootstrap = options.bootstrapServer;
        }
        String inputTopic = options.inputTopic == null ? "word-count-lines" : options.inputTopic;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            if (options.inputTopic == null || broker != null) {
                topics.add(new NewTopic(inputTopic, 1, (short) 1));
            }
            topics.add(new NewTopic(OUTPUT_TOPIC + "-" + stateDir.getFileName(), 1, (short) 1));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        String outputTopic = OUTPUT_TOPIC + "-" + stateDir.getFileName();
        long wordsProduced = options.inputTopic == null ? produce(bootstrap, inputTopic, readLines(options)) : -1;

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("streams").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put("consumer.auto.offset.reset", "earliest");
        RunnelStreams streams = new RunnelStreams(WordCountTopology.build(inputTopic, outputTopic), props);
        @Nullable EmbeddedBroker ownedBroker = broker;
        Thread hook = new Thread(() -> {
            stopped.countDown();
            streams.close();
            if (ownedBroker != null) {
                ownedBroker.close();
            }
            deleteQuietly(stateDir);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        streams.start();

        Map<String, Long> counts = awaitCounts(streams, wordsProduced);
        printTop(counts, options.top);
        streams.close();
        if (broker != null) {
            broker.close();
        }
        if (stopped.getCount() > 0) {
            // Not shutting down: the hook has nothing left to close.
            Runtime.getRuntime().removeShutdownHook(hook);
            deleteQuietly(stateDir);
        }
    }

    /** Removes the run's temporary directory (state stores and the embedded broker's data); the counts were printed. */
    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("word-count: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** Waits until the store's counts add up to {@code wordsProduced} (or Ctrl-C), printing progress every second. */
    private Map<String, Long> awaitCounts(RunnelStreams streams, long wordsProduced) throws InterruptedException {
        Map<String, Long> counts = Map.of();
        long lastTotal = -1;
        while (true) {
            boolean interrupted = stopped.await(1, TimeUnit.SECONDS);
            if (streams.state() == RunnelStreams.State.RUNNING) {
                counts = snapshot(streams);
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (total != lastTotal) {
                out.printf(
                        "words counted: %d%s, distinct words: %d (%s)%n",
                        total, wordsProduced < 0 ? "" : " of " + wordsProduced, counts.size(), streams.state());
                lastTotal = total;
            }
            if (interrupted || total == wordsProduced) {
                return counts;
            }
            if (streams.state() == RunnelStreams.State.ERROR || streams.state() == RunnelStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("word count stopped in state " + streams.state());
            }
        }
    }

    private static Map<String, Long> snapshot(RunnelStreams streams) {
        ReadOnlyKeyValueStore<String, Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(WordCountTopology.STORE, QueryableStoreTypes.keyValueStore()));
        Map<String, Long> counts = new HashMap<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                counts.put(kv.key(), kv.value());
            }
        }
        return counts;
    }

    private void printTop(Map<String, Long> counts, int top) {
        out.println("Top " + top + " words:");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(e -> out.printf("%8d  %s%n", e.getValue(), e.getKey()));
    }

    /** Produces each line as one record and returns how many words the lines hold. */
    private long produce(String bootstrap, String topic, List<String> lines) {
        long words = 0;
        try (RunnelProducer<String, String> producer = new RunnelProducer<>(
                Map.of("bootstrap.servers", bootstrap),
                Serdes.String().serializer(),
                Serdes.String().serializer())) {
            for (int i = 0; i < lines.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "line-" + i, lines.get(i)));
                words += WordCountTopology.words(lines.get(i)).size();
            }
            producer.flush();
        }
        out.printf("Produced %d lines (%d words) to %s%n", lines.size(), words, topic);
        return words;
    }

    private static List<String> readLines(Options options) throws IOException {
        if (options.file == null) {
            InputStream in = Objects.requireNonNull(
                    WordCount.class.getResourceAsStream(BUNDLED_TEXT), "bundled text " + BUNDLED_TEXT);
            return read(in);
        }
        if (options.file.equals("-")) {
            return read(System.in);
        }
        return Files.readAllLines(Path.of(options.file), StandardCharsets.UTF_8);
    }

    private static List<String> read(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    /** The command line. */
    private record Options(
            @Nullable String file, int top, @Nullable String bootstrapServer, @Nullable String inputTopic) {
        static Options parse(String[] args) {
            String file = null;
            String bootstrap = null;
            String inputTopic = null;
            int top = 10;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--top" -> top = Integer.parseInt(value(args, ++i, "--top"));
                    case "--bootstrap-server" -> bootstrap = value(args, ++i, "--bootstrap-server");
                    case "--input-topic" -> inputTopic = value(args, ++i, "--input-topic");
                    default -> file = args[i];
                }
            }
            if (top <= 0) {
                throw new IllegalArgumentException("--top must be > 0: " + top);
            }
            return new Options(file, top, bootstrap, inputTopic);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
