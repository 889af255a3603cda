package io.tickpipe.influx;

import static io.tickpipe.influx.TestPoints.BASE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link InfluxQl} against the real InfluxDB 1.6. */
class InfluxQlIT {
    private static InfluxConfig config;
    private static InfluxQl influx;

    @BeforeAll
    static void points() {
        config = InfluxTestDatabase.create(InfluxQlIT.class);
        influx = InfluxQl.of(config);
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            writer.write(List.of(
                    bar("AAPL", 0, 187.25), bar("AAPL", 60, 187.5),
                    bar("MSFT", 0, 410.0), bar("MSFT", 60, 411.125), bar("MSFT", 120, 409.75)));
        }
    }

    private static Point bar(String symbol, int second, double close) {
        return Point.measurement("bars").addTag("symbol", symbol).addField("close", close)
                .time(BASE_NANOS + second * 1_000_000_000L, WritePrecision.NS);
    }

    @Test
    void rowsCarryTimeColumnsAndGroupTags() {
        assertThat(influx.rows("SELECT last(close) FROM bars GROUP BY symbol"))
                .containsExactlyInAnyOrder(
                        Map.of("time", BASE_NANOS + 60_000_000_000L, "last", 187.5, "symbol", "AAPL"),
                        Map.of("time", BASE_NANOS + 120_000_000_000L, "last", 409.75, "symbol", "MSFT"));
    }

    @Test
    void seriesHaveNameTagsAndColumns() {
        List<InfluxSeries> series = influx.query("SELECT close FROM bars WHERE symbol = 'AAPL' GROUP BY symbol");

        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("bars");
            assertThat(s.tags()).isEqualTo(Map.of("symbol", "AAPL"));
            assertThat(s.columns()).containsExactly("time", "close");
            assertThat(s.values()).containsExactly(List.of(BASE_NANOS, 187.25), List.of(BASE_NANOS + 60_000_000_000L, 187.5));
        });
    }

    @Test
    void eachStatementOfOneRequestGetsItsOwnSeriesEvenWhenNothingMatched() {
        List<List<InfluxSeries>> results = influx.queryEach(List.of(
                "SELECT close FROM bars WHERE symbol = 'MSFT' ORDER BY time DESC LIMIT 1",
                "SELECT close FROM bars WHERE symbol = 'NONE'",
                "SELECT count(close) FROM bars GROUP BY symbol"));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).singleElement()
                .satisfies(s -> assertThat(s.values()).containsExactly(List.of(BASE_NANOS + 120_000_000_000L, 409.75)));
        assertThat(results.get(1)).isEmpty();
        assertThat(results.get(2)).extracting(s -> s.tags().get("symbol") + "=" + s.values().get(0).get(1))
                .containsExactly("AAPL=2", "MSFT=3");
    }

    @Test
    void singleAndCount() {
        assertThat(influx.single("SELECT max(close) FROM bars")).contains(411.125);
        assertThat(influx.single("SELECT max(close) FROM bars WHERE symbol = 'NONE'")).isEmpty();
        assertThat(influx.count("bars")).isEqualTo(5);
        assertThat(influx.count("nothing_here")).isZero();
    }

    @Test
    void aBadQueryCarriesInfluxDbsErrorText() {
        assertThatThrownBy(() -> influx.rows("SELEKT close FROM bars"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("SELEKT close FROM bars")
                .hasMessageContaining(config.url())
                .hasMessageContaining("error parsing query");
    }

    @Test
    void aStatementErrorInsideA200AnswerIsAnErrorToo() {
        InfluxQl elsewhere = InfluxQl.of(config.toBuilder().database("no_such_database").build());

        assertThatThrownBy(() -> elsewhere.rows("SELECT * FROM bars"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("database not found: no_such_database");
    }
}
