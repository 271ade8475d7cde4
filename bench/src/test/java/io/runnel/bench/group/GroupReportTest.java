package io.runnel.bench.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupReportTest {

    @Test
    void shouldAverageMiddleValuesWhenMedianOfEvenCountAfterDroppingNaN() {
        assertThat(GroupReport.median(List.of(4.0, Double.NaN, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void shouldBeNaNWhenMedianOfNothing() {
        assertThat(GroupReport.median(List.of(Double.NaN))).isNaN();
    }
}
