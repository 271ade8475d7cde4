package io.runnel.examples.wordcount;

import io.runnel.common.serialization.Serdes;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.Topology;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Produced;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** The word-count topology: split lines into words, group by word, count in a RocksDB store, write the counts. */
public final class WordCountTopology {
    /** The name of the key-value store holding the count of each word. */
    public static final String STORE = "word-counts-store";

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

    private WordCountTopology() {}

    /** The lower-cased words of {@code line}, split on anything that is not a letter, digit or apostrophe. */
    public static List<String> words(String line) {
        return Arrays.stream(NON_WORD.split(line.toLowerCase(Locale.ROOT)))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** Reads lines (String values) from {@code inputTopic}, writes (word, count) to {@code outputTopic}. */
    public static Topology build(String inputTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> line == null ? List.of() : words(line))
                .groupBy(
                        (key, word) -> Objects.requireNonNull(word, "word"),
                        Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as(STORE))
                .toStream()
                .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }
}
