package io.runnel.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the shaded jar as the README does and checks its top words against counts computed here. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WordCountJarIT {
    private static final Pattern COUNT_LINE = Pattern.compile("^\\s+(\\d+)\\s+(\\S+)$");

    @Test
    void shouldPrintTheTopWordsOfTheBundledTextWhenRunAsTheReadmeSays() throws Exception {
        Path jar = Path.of("target", "word-count.jar");
        assertThat(jar).exists();
        Map<String, Long> expected = countIndependently();

        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--top",
                        "5")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> output = readAll(process.getInputStream());
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
        Map<String, Long> printed = new HashMap<>();
        for (String line : output.subList(output.indexOf("Top 5 words:") + 1, output.size())) {
            Matcher m = COUNT_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            printed.put(m.group(2), Long.parseLong(m.group(1)));
        }
        assertThat(printed).hasSize(5);
        long fifth = printed.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        printed.forEach((word, count) -> assertThat(count).as(word).isEqualTo(expected.get(word)));
        expected.forEach((word, count) -> {
            if (count > fifth) {
                assertThat(printed).as("a word counted more than the fifth").containsKey(word);
            }
        });
    }

    /** Counts the bundled text with a plain split, not the topology's tokenizer. */
    private static Map<String, Long> countIndependently() throws IOException {
        String text = Files.readString(Path.of("src", "main", "resources", "the-river.txt"), StandardCharsets.UTF_8);
        Map<String, Long> counts = new HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static List<String> readAll(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(Objects.requireNonNull(line));
            }
        }
        return lines;
    }
}
