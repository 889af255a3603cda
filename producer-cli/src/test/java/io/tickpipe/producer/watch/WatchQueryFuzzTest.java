package io.tickpipe.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxQlAnswer;
import io.tickpipe.influx.InfluxQueryException;
import io.tickpipe.influx.InfluxSeries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fuzz target of what {@code tickpipe watch} makes of InfluxDB's answer: any bytes as the body of the
 * answer to {@link WatchQuery}'s five statements, read as {@link InfluxQl} reads it
 * ({@link InfluxQlAnswer}), turned into rows by {@link WatchQuery} (for given symbols, and for every
 * symbol found) and drawn by {@link WatchTable}. The watch loop carries on after an
 * {@link InfluxQueryException} (it shows InfluxDB's error and asks again) and ends on any other
 * exception, so that is the only one allowed: an answer of an unexpected shape must still give a
 * frame. Any other exception, a hang or unbounded memory is a finding.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/producer/watch/WatchQueryFuzzTestInputs/answer/}; {@code make
 * fuzz} fuzzes it (docs/testing.md#fuzzing).
 */
class WatchQueryFuzzTest {
    // Never asked: the target hands WatchQuery the answer itself.
    private static final InfluxQl INFLUX = InfluxQl.of(InfluxConfig.builder("http://127.0.0.1:9").database("market").build());
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private static final WatchQuery GIVEN = new WatchQuery(INFLUX, SYMBOLS, "1s", "1m", IndicatorPeriods.DEFAULTS, WINDOW);
    private static final WatchQuery FOUND = new WatchQuery(INFLUX, List.of(), "1s", "1m", IndicatorPeriods.DEFAULTS, WINDOW);
    private static final WatchTable TABLE = new WatchTable("1s", "1m", List.of(IndicatorColumn.values()),
            IndicatorPeriods.DEFAULTS, WINDOW);
    private static final int STATEMENTS = 5;

    @FuzzTest
    void answer(byte[] bytes) {
        List<List<InfluxSeries>> results;
        try {
            results = InfluxQlAnswer.parse("watch", "fuzz", new String(bytes, StandardCharsets.UTF_8));
        } catch (InfluxQueryException e) {
            return;
        }
        if (results.size() != STATEMENTS) {
            // InfluxQl.queryEach refuses that with an InfluxQueryException: WatchQuery never sees it.
            return;
        }
        List<SymbolView> given = GIVEN.views(results);
        assertThat(given).extracting(SymbolView::symbol).containsExactlyElementsOf(SYMBOLS);
        assertThat(TABLE.render(Instant.EPOCH, given)).contains("AAPL", "MSFT");

        List<SymbolView> found = FOUND.views(results);
        assertThat(found).extracting(SymbolView::symbol).isSorted().doesNotHaveDuplicates();
        assertThat(TABLE.render(Instant.EPOCH, found)).startsWith(WatchTable.HEADER_PREFIX);
    }
}
