package io.tickpipe.spark.testing;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import java.util.List;
import java.util.Map;

/** One test database on the test stack's InfluxDB, read the way the tests need it. */
public final class Influx {

    private final InfluxQl influxQl;
    private final String database;

    public Influx(String url, String database) {
        this.database = database;
        this.influxQl = InfluxQl.of(InfluxConfig.fromMap(Map.of("influx.url", url, "influx.db", database), Map.of()));
    }

    /** On an InfluxDB with authentication enabled, as {@code user}. */
    public Influx(String url, String database, String user, String password) {
        this.database = database;
        this.influxQl = InfluxQl.of(InfluxConfig.builder(url).database(database).username(user).password(password).build());
    }

    public void createDatabase() {
        influxQl.execute("CREATE DATABASE " + InfluxQl.identifier(database));
    }

    public List<Map<String, Object>> rows(String query) {
        return influxQl.rows(query);
    }

    /** The query's single number (count, sum), 0 when nothing matched. */
    public long count(String query) {
        return influxQl.single(query).map(Double::longValue).orElse(0L);
    }

    /** A row's time (epoch nanoseconds) in microseconds. */
    public static long micros(Map<String, Object> row) {
        return ((Number) row.get("time")).longValue() / 1000;
    }

    /** JSON numbers come back as integers when they have no fraction. */
    public static double number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (!(value instanceof Number n)) {
            throw new AssertionError(column + " is " + value + " in " + row);
        }
        return n.doubleValue();
    }
}
