package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers InfluxDB should not give, each refused as an InfluxQueryException that says what is wrong. */
class InfluxQlAnswerTest {
    private static final String SERVER = "http://127.0.0.1:8086 (database market)";

    @Test
    void aRowWithFewerValuesThanColumnsIsAMalformedAnswer() {
        // Found by InfluxQlAnswerFuzzTest: InfluxSeries.rows() ended in an IndexOutOfBoundsException.
        String answer = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"bars\",\"tags\":{\"symbol\":\"AAPL\"},"
                + "\"columns\":[\"time\",\"close\",\"volume\"],\"values\":[[1,187.25,1200],[2,null]]}]}]}";
        assertThatThrownBy(() -> InfluxQlAnswer.parse("SELECT * FROM bars", SERVER, answer))
                .isInstanceOfSatisfying(InfluxQueryException.class, e -> assertThat(e.reason())
                        .isEqualTo("malformed answer: series 'bars' row 2 has 2 values for 3 columns [time, close, volume]"))
                .hasMessageStartingWith("InfluxQL 'SELECT * FROM bars' on " + SERVER + " failed: ");
    }

    @Test
    void aSeriesRefusesRowsThatDoNotMatchItsColumns() {
        assertThatThrownBy(() -> new InfluxSeries("bars", Map.of(), List.of("time", "close"),
                List.of(List.of(1L, 2.0), List.of(1L, 2.0, 3.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series 'bars' row 2 has 3 values for 2 columns [time, close]");
    }
}
