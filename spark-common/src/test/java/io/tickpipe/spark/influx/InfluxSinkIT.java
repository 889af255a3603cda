package io.tickpipe.spark.influx;

import static io.tickpipe.influx.TestPoints.BASE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxTestDatabase;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.measurements.MarketPoints;
import io.tickpipe.spark.measurements.RawPointLines;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link InfluxSink} writing points, and lines straight from internal rows, from Spark executors into the real InfluxDB 1.6. */
class InfluxSinkIT {
    private static final int ROWS = 10_000;
    /** Two points per row: one per symbol-tagged price, one for a per-row volume measurement. */
    private static final PointMapper<Long> MAPPER = id -> List.of(
            Point.measurement("sink_price").addTag("symbol", "S" + id % 5).addField("value", id)
                    .time(BASE_NANOS + id, WritePrecision.NS),
            Point.measurement("sink_volume").addField("shares", id * 2.5).time(BASE_NANOS + id, WritePrecision.NS));

    private static SparkSession spark;
    private static InfluxConfig config;

    @BeforeAll
    static void start() {
        config = InfluxTestDatabase.create(InfluxSinkIT.class).toBuilder().batchSize(1000).build();
        spark = LocalSpark.session();
    }


    @Test
    void writesEveryPointOfEveryPartition() {
        Dataset<Long> rows = spark.range(0, ROWS, 1, 4).as(Encoders.LONG());
        assertThat(rows.rdd().getNumPartitions()).isEqualTo(4);

        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(ScriptedHttpServer.forwardTo(config.url()))) {
            InfluxSink.write(rows, config.toBuilder().url(proxy.url()).build(), MAPPER);

            // 2,500 rows and 5,000 points per partition: five full batches each.
            assertThat(proxy.requests()).hasSize(20)
                    .allSatisfy(request -> assertThat(request.body().lines()).hasSize(1000));
        }

        InfluxQl influx = InfluxQl.of(config);
        assertThat(influx.count("sink_price")).isEqualTo(ROWS);
        assertThat(influx.count("sink_volume")).isEqualTo(ROWS);
        assertThat(influx.single("SELECT sum(value) FROM sink_price")).contains((double) ROWS * (ROWS - 1) / 2);
        assertThat(influx.rows("SELECT count(value) FROM sink_price GROUP BY symbol"))
                .extracting(row -> row.get("symbol") + "=" + row.get("count"))
                .containsExactlyInAnyOrder("S0=2000", "S1=2000", "S2=2000", "S3=2000", "S4=2000");
    }

    @Test
    void writesTheLineOfEveryRawTradeAndQuoteOfEveryPartitionAndCompletesTheRowsObservation() throws InterruptedException {
        Observation seen = new Observation("seen");
        Dataset<Row> rows = rawRows(ROWS, 4).observe(seen, count(lit(1)).as("rows"));

        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(ScriptedHttpServer.forwardTo(config.url()))) {
            InfluxSink.writeLines(rows, config.toBuilder().url(proxy.url()).build(), RawPointLines::tradeOrQuote);

            // 2,500 rows, one line each, per partition: two full batches and a half one each.
            assertThat(proxy.requests()).extracting(request -> request.body().lines().count())
                    .containsExactlyInAnyOrder(1000L, 1000L, 500L, 1000L, 1000L, 500L, 1000L, 1000L, 500L, 1000L, 1000L, 500L);
        }
        assertThat(seen.getAsJava()).as("a Dataset action's end reaches the listeners").containsEntry("rows", (long) ROWS);

        InfluxQl influx = InfluxQl.of(config);
        long trades = LongStream.range(0, ROWS).filter(RawSink::isTrade).count();
        assertThat(influx.count(MarketPoints.TRADES)).isEqualTo(trades);
        assertThat(influx.count(MarketPoints.QUOTES)).isEqualTo(ROWS - trades);
        assertThat(influx.single("SELECT sum(sequence) FROM trades"))
                .contains((double) LongStream.range(0, ROWS).filter(RawSink::isTrade).sum());
        assertThat(influx.single("SELECT sum(spread) FROM quotes")).hasValueSatisfying(sum -> assertThat(sum)
                .isCloseTo(LongStream.range(0, ROWS).filter(id -> !RawSink.isTrade(id)).mapToDouble(RawSink::spread).sum(),
                        within(1e-6)));
        assertThat(influx.rows("SELECT price, exchange, trade_id FROM trades WHERE symbol = 'S1' AND sequence = 7001"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("price")).isEqualTo(RawSink.price(7001));
                    assertThat(row.get("exchange")).isEqualTo("X N,1");
                    assertThat(row.get("trade_id")).isEqualTo("t\"7001\"");
                });
    }

    /** The raw rows' values, and the same as Spark columns (rawRows): an independent account of them. */
    private static final class RawSink {
        static boolean isTrade(long id) {
            return id % 5 < 2;
        }

        static double price(long id) {
            return 100 + id / 100.0;
        }

        static double spread(long id) {
            return 0.01 * (1 + id % 3);
        }
    }

    /** {@code trade, quote} rows as the ingest query's decode gives them, 2 trades in 5, in {@code partitions}. */
    private static Dataset<Row> rawRows(long count, int partitions) {
        Column id = col("id");
        Column symbol = concat(lit("S"), id.mod(5));
        Column time = timestamp_micros(lit(1_767_225_600_000_000L).plus(id));
        Column price = lit(100).plus(id.divide(100.0));
        Column trade = struct(symbol.as("symbol"), price.as("price"), id.mod(7).plus(1).cast("double").as("size"),
                time.as("event_time"), concat(lit("t\""), id, lit("\"")).as("trade_id"),
                concat(lit("X N,"), id.mod(5)).as("exchange"), id.as("sequence"), lit("USD").as("currency"));
        Column quote = struct(symbol.as("symbol"), price.as("bid"), price.plus(lit(0.01).multiply(id.mod(3).plus(1))).as("ask"),
                lit(100.0).as("bid_size"), lit(200.0).as("ask_size"), time.as("event_time"), lit("XNYS").as("exchange"),
                id.as("sequence"));
        return spark.range(0, count, 1, partitions).select(
                when(id.mod(5).lt(2), trade).as("trade"), when(id.mod(5).geq(2), quote).as("quote"));
    }

    @Test
    void theSparkActionFailsWhenInfluxDbCannotBeReached() {
        InfluxConfig unreachable = config.toBuilder().url(InfluxTestDatabase.closedPortUrl()).maxRetries(1).build();
        Dataset<Long> rows = spark.range(0, 100, 1, 2).as(Encoders.LONG());

        assertThatThrownBy(() -> InfluxSink.write(rows, unreachable, MAPPER))
                .hasMessageContaining("InfluxDB write to " + unreachable.url() + "/write")
                .hasMessageContaining("failed after 2 attempts");
        assertThatThrownBy(() -> InfluxSink.writeLines(rawRows(100, 2), unreachable, RawPointLines::tradeOrQuote))
                .hasMessageContaining("InfluxDB write to " + unreachable.url() + "/write")
                .hasMessageContaining("failed after 2 attempts");
    }
}
