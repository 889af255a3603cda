package io.tickpipe.spark.influx;

import static io.tickpipe.influx.TestPoints.BASE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxTestDatabase;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.spark.testing.LocalSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link InfluxSink} writing from Spark executors into the real InfluxDB 1.6. */
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
    void theSparkActionFailsWhenInfluxDbCannotBeReached() {
        InfluxConfig unreachable = config.toBuilder().url(InfluxTestDatabase.closedPortUrl()).maxRetries(1).build();
        Dataset<Long> rows = spark.range(0, 100, 1, 2).as(Encoders.LONG());

        assertThatThrownBy(() -> InfluxSink.write(rows, unreachable, MAPPER))
                .hasMessageContaining("InfluxDB write to " + unreachable.url() + "/write")
                .hasMessageContaining("failed after 2 attempts");
    }
}
