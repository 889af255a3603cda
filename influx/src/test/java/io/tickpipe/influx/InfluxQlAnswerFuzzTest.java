package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target of the reading of InfluxQL answers ({@link InfluxQlAnswer}, which {@link InfluxQl} calls
 * on every {@code /query} body, and {@link InfluxSeries#rows()}): any bytes as the body of an answer.
 * Reading ends in each statement's series, whose rows can all be read as column name to value, or in
 * an {@link InfluxQueryException} naming the query and the server; nothing else. Any other exception,
 * a hang or unbounded memory is a finding. HTTP is not fuzzed: {@code InfluxQlTest} and
 * {@code InfluxQlIT} cover it against servers.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/influx/InfluxQlAnswerFuzzTestInputs/answer/}; {@code make fuzz}
 * fuzzes it (docs/testing.md#fuzzing).
 */
class InfluxQlAnswerFuzzTest {
    private static final String QUERY = "SELECT * FROM bars GROUP BY symbol";
    private static final String SERVER = "http://127.0.0.1:8086 (database market)";

    @FuzzTest
    void answer(byte[] bytes) {
        List<List<InfluxSeries>> results;
        try {
            results = InfluxQlAnswer.parse(QUERY, SERVER, new String(bytes, StandardCharsets.UTF_8));
        } catch (InfluxQueryException e) {
            assertThat(e.getMessage()).startsWith("InfluxQL '" + QUERY + "' on " + SERVER + " failed: ");
            return;
        }
        for (List<InfluxSeries> result : results) {
            for (InfluxSeries series : result) {
                List<Map<String, Object>> rows = series.rows();
                assertThat(rows).hasSameSizeAs(series.values());
                for (Map<String, Object> row : rows) {
                    assertThat(row.keySet()).containsAll(series.columns()).containsAll(series.tags().keySet());
                }
            }
        }
    }
}
