package io.runnel.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResultTableTest {
    private static final String APPEND = "io.runnel.bench.storage.LogAppendBenchmark.append";

    private static JmhCsv.Row bytes(String impl, double bytesPerSecond) {
        return new JmhCsv.Row(
                APPEND,
                "bytes",
                "thrpt",
                bytesPerSecond,
                Double.NaN,
                "ops/s",
                Map.of("batchBytes", "1024", "impl", impl));
    }

    @Test
    void shouldShowRawFileColumnsWhenBenchmarkRanTheFloor() {
        String table =
                ResultTable.render(List.of(bytes("RUNNEL", 300e6), bytes("KAFKA", 200e6), bytes("RAW_FILE", 400e6)));

        assertThat(table).contains("| Runnel / Kafka | raw file | Runnel / raw |");
        assertThat(table).contains("| 300 | 200 | 1.50× | 400 | 0.75× |");
    }

    @Test
    void shouldKeepTwoImplementationsWhenNoRawFileRan() {
        String table = ResultTable.render(List.of(bytes("RUNNEL", 300e6), bytes("KAFKA", 200e6)));

        assertThat(table).doesNotContain("raw file");
        assertThat(table).contains("| 300 | 200 | 1.50× |");
    }
}
