package io.tickpipe.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * InfluxQL over HTTP: {@code /query?db=..&epoch=ns} of InfluxDB 1.x, and the v1-compatible
 * {@code /query} of 2.x (with {@code Authorization: Token}, the database mapped to a bucket there).
 * Times come back as nanoseconds since the epoch ({@code Long}). One attempt per query, no retries:
 * it serves tests, the demo and dashboards checks, which want to see a failure.
 *
 * <pre>{@code
 * InfluxQl influx = InfluxQl.of(config);
 * influx.rows("SELECT close FROM bars WHERE symbol = 'AAPL'");   // [{time=..., close=187.2}, ...]
 * influx.single("SELECT last(close) FROM bars");                  // Optional[187.2]
 * influx.count("bars");                                           // 1440
 * }</pre>
 */
public final class InfluxQl {
    private final String url;
    private final String database;
    private final InfluxConfig config;
    private final HttpClient http;

    private InfluxQl(InfluxConfig config) {
        this.config = config;
        this.url = config.url();
        this.database = config.database();
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /** Queries the server and database of {@code config}, with its credentials. */
    public static InfluxQl of(InfluxConfig config) {
        return new InfluxQl(config);
    }

    /** Runs a read-only query (SELECT, SHOW) and returns every series of every statement. */
    public List<InfluxSeries> query(String influxQl) {
        List<InfluxSeries> all = new ArrayList<>();
        send(influxQl, false).forEach(all::addAll);
        return all;
    }

    /**
     * Runs read-only statements in one request and returns each statement's series, in the order of
     * {@code statements} (an empty list for a statement that matched nothing): one round trip for a
     * screenful of different questions.
     */
    public List<List<InfluxSeries>> queryEach(List<String> statements) {
        String joined = String.join(";\n", statements);
        List<List<InfluxSeries>> results = send(joined, false);
        if (results.size() != statements.size()) {
            throw failure(joined, statements.size() + " statements gave " + results.size() + " results", null);
        }
        return results;
    }

    /** Runs statements that change something ({@code CREATE DATABASE}, {@code DROP ...}): they need a POST. */
    public void execute(String influxQl) {
        send(influxQl, true);
    }

    /** Every row of every series, as column name to value with the series' tags added. */
    public List<Map<String, Object>> rows(String influxQl) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InfluxSeries series : query(influxQl)) {
            rows.addAll(series.rows());
        }
        return rows;
    }

    /**
     * The first value after {@code time} of the first row, as a double: for aggregates such as
     * {@code SELECT last(close) FROM bars}. Empty when nothing matched or the value is null.
     *
     * @throws IllegalStateException when that value is not a number
     */
    public Optional<Double> single(String influxQl) {
        List<InfluxSeries> series = query(influxQl);
        if (series.isEmpty() || series.get(0).values().isEmpty()) {
            return Optional.empty();
        }
        InfluxSeries first = series.get(0);
        int column = "time".equals(first.columns().get(0)) && first.columns().size() > 1 ? 1 : 0;
        Object value = first.values().get(0).get(column);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        throw new IllegalStateException("'" + influxQl + "' gave " + first.columns().get(column) + " = '"
                + value + "', not a number");
    }

    /**
     * Points in {@code measurement}: the largest of {@code count(*)} over its fields, which is exact
     * when every point has every field (as the pipeline writes them).
     */
    public long count(String measurement) {
        long count = 0;
        for (Map<String, Object> row : rows("SELECT count(*) FROM " + identifier(measurement))) {
            for (Map.Entry<String, Object> column : row.entrySet()) {
                if (!"time".equals(column.getKey()) && column.getValue() instanceof Number n) {
                    count = Math.max(count, n.longValue());
                }
            }
        }
        return count;
    }

    /** {@code name} as a double-quoted InfluxQL identifier, safe for any measurement or database name. */
    public static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private List<List<InfluxSeries>> send(String influxQl, boolean post) {
        String parameters = "db=" + encode(database) + "&epoch=ns";
        String query = "q=" + encode(influxQl);
        HttpRequest.Builder request = post
                ? HttpRequest.newBuilder(URI.create(url + "/query?" + parameters))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(query))
                : HttpRequest.newBuilder(URI.create(url + "/query?" + parameters + "&" + query)).GET();
        request.timeout(config.requestTimeout()).header("Accept", "application/json");
        config.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(influxQl, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(influxQl, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new InfluxQueryException(influxQl, url + " (database " + database + ")", "HTTP " + response.statusCode()
                    + ": " + ServerErrorText.of(response.body()) + RefusedCredentials.hint(response.statusCode()),
                    response.statusCode(), null);
        }
        return InfluxQlAnswer.parse(influxQl, server(), response.body());
    }

    private InfluxQueryException failure(String influxQl, String reason, Throwable cause) {
        return new InfluxQueryException(influxQl, server(), reason, cause);
    }

    private String server() {
        return url + " (database " + database + ")";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
