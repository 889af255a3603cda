package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideTimingTest {

    @Test
    void theLineASidePrintsIsFoundAmongItsOtherOutput() {
        SideTiming timing = new SideTiming(42.1234, 9_999_876);

        List<String> output = List.of("15:36:40.308 WARN  NativeCodeLoader: Unable to load native-hadoop library",
                "summary of 100 symbols at 1d bars", timing.line(), "rejected: none");

        assertThat(timing.line()).isEqualTo(
                "bench-batch side: 42.123 s from SparkSession ready to outputs written; 9999876 trades in its 1d bars");
        assertThat(SideTiming.find(output, "run.log")).isEqualTo(new SideTiming(42.123, 9_999_876));
    }

    @Test
    void theLastLineCountsAndALineQuotedInsideAnotherDoesNot() {
        List<String> output = List.of(new SideTiming(1, 10).line(), new SideTiming(2, 20).line(),
                "echo: " + new SideTiming(3, 30).line());

        assertThat(SideTiming.find(output, "run.log")).isEqualTo(new SideTiming(2, 20));
    }

    @Test
    void outputWithoutTheLineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> SideTiming.find(List.of("Exception in thread \"main\""), "bench/target/03-ours.log"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bench/target/03-ours.log has no line \"bench-batch side: ...\"");
    }
}
