package io.runnel.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.runtime.TestInputTopic;
import io.runnel.runtime.TestOutputTopic;
import io.runnel.runtime.TopologyTestDriver;
import io.runnel.streams.StreamsConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WordCountTopologyTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldCountEachWordWhenLinesArePiped() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        try (TopologyTestDriver driver = new TopologyTestDriver(WordCountTopology.build("lines", "counts"), props)) {
            TestInputTopic<String, String> lines = driver.createInputTopic(
                    "lines", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic(
                    "counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            lines.pipeInput("1", "The river, the RIVER!");
            lines.pipeInput("2", "the sea's edge");

            assertThat(counts.readKeyValuesToMap()).isEqualTo(Map.of("the", 3L, "river", 2L, "sea's", 1L, "edge", 1L));
        }
    }

    @Test
    void shouldDropEmptyWordsWhenLineHasOnlyPunctuation() {
        assertThat(WordCountTopology.words("  -- , ! ")).isEmpty();
    }
}
