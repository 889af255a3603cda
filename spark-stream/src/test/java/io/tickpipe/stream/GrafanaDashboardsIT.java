package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.grafana.GrafanaInterval;
import io.tickpipe.grafana.GrafanaMacros;
import io.tickpipe.grafana.ProvisionedQueries;
import io.tickpipe.grafana.Provisioning;
import io.tickpipe.grafana.QueryPanel;
import io.tickpipe.grafana.QueryTarget;
import io.tickpipe.grafana.RelativeTime;
import io.tickpipe.grafana.TemplateVariable;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the streaming job writes feeds every provisioned dashboard panel, annotation, variable and
 * alert rule: the producer replays 45 minutes of two symbols (plus one price and volume spike each
 * and one undecodable record) through the job into InfluxDB, and anomalies of kind {@code model} are
 * written beside the job's as a job run with {@code --anomaly-model} writes them; then every query of
 * {@code grafana-provisioning/} runs there as Grafana would run it (variables from their own
 * queries, every combination of their values, {@code $timeFilter} and {@code $__interval} from the
 * dashboard's or rule's time range relative to now) and must return rows with every field its
 * panel maps by name. The indicator rules' decisions are then checked against the points they read:
 * %B against each bar's close and bands, MACD crossings against the histogram's signs; and the
 * anomaly annotations and the model rule against the anomalies there are.
 */
class GrafanaDashboardsIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    /**
     * Enough 1m bars for every indicator (SMA/EMA/Bollinger 20 need 20, MACD's signal 34 and a MACD
     * crossing two bars of it after the spike) and for the anomaly detectors' 30-bar warm-up; at one
     * trade per second per symbol it is still only about 5,400 trades.
     */
    private static final int MINUTES = 45;
    /** What the market dashboard's variables must offer: the symbols produced, the job's default intervals. */
    private static final Map<String, Set<String>> VARIABLE_VALUES = Map.of("symbol", Set.copyOf(SYMBOLS), "interval", Set.of("1s", "1m"));

    @Test
    void everyPanelAnnotationVariableAndAlertQueryReturnsTheFieldsItMaps(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "grafana");
        // Event times end a minute before now: the dashboards' and rules' ranges are relative to now.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTES + 1, ChronoUnit.MINUTES);
        MarketCsv csv = MarketCsv.write(dir, 11, SYMBOLS, start, MINUTES * 60, 1);
        List<String> produce = new ArrayList<>(List.of("--source", "replay", "--speed", "0",
                "--replay-file", csv.trades.toString(), "--replay-file", csv.quotes.toString()));
        // A print of ten million shares at 10,000 (the simulated prices start between 50 and 150, trades
        // are of 1-500 shares) in the last microsecond of minute 34: that minute's 1m bar and its second's
        // 1s bar close on it, a return and a volume anomaly in both intervals, whose 30-bar windows are
        // full by then.
        Instant spike = start.plus(35, ChronoUnit.MINUTES).minus(1, ChronoUnit.MICROS);
        for (String symbol : SYMBOLS) {
            produce.addAll(List.of("--replay-file",
                    MarketCsv.trades(dir.resolve("spike-" + symbol + ".csv"), symbol, List.of(spike), 10_000.0, 10_000_000.0).toString()));
        }
        Producer.produce(dir, fixture.produceArgs(produce.toArray(String[]::new)));
        KafkaIo.produceRaw(stack.kafkaBootstrapServers(), fixture.tradesTopic(), "AAPL", List.of(new byte[] {0, 0, 0}));

        // The spike's 1m bar scored for both kinds, for both symbols: the job has read past it.
        String spikeAnomalies = "SELECT count(score) FROM anomalies WHERE \"interval\" = '1m' AND time = '"
                + spike.truncatedTo(ChronoUnit.MINUTES) + "' GROUP BY \"symbol\", \"kind\"";
        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            Influx influx = fixture.influx();
            Eventually.until(Duration.ofMinutes(3),
                    () -> influx.count("SELECT count(price) FROM trades") == csv.tradeCount + SYMBOLS.size()
                            && influx.count("SELECT sum(dead_letters) FROM pipeline") == 1
                            && influx.rows(spikeAnomalies).size() == SYMBOLS.size() * 2,
                    () -> "trades " + influx.count("SELECT count(price) FROM trades") + " of " + (csv.tradeCount + SYMBOLS.size())
                            + ", dead letters " + influx.count("SELECT sum(dead_letters) FROM pipeline")
                            + ", 1m anomalies " + influx.rows(spikeAnomalies));
            Map<List<String>, Map<String, Object>> modelAnomalies = writeModelAnomalies(fixture, influx, start);

            Provisioning provisioning = Provisioning.ofRepository();
            Instant now = Instant.now();
            int runs = 0;
            for (Map.Entry<Path, JsonNode> dashboard : provisioning.dashboards().entrySet()) {
                List<Map<String, String>> combinations = variableValues(influx, dashboard.getValue(), provisioning, now);
                for (QueryPanel panel : ProvisionedQueries.dashboard(dashboard.getKey(), dashboard.getValue(), provisioning.minInterval())) {
                    for (Map<String, String> values : combinations) {
                        runs += run(influx, panel, values, now);
                    }
                }
            }
            for (QueryPanel rule : ProvisionedQueries.alertRules(provisioning)) {
                runs += run(influx, rule, Map.of(), now);
            }
            // Nothing skipped: market 11 panel targets + 3 anomaly annotations for each symbol and interval,
            // pipeline health 13 panel targets, 6 rules with one query each.
            assertThat(runs).isEqualTo(14 * SYMBOLS.size() * 2 + 13 + 6);
            indicatorRulesDecideFromThePoints(influx, provisioning, start, now);
            anomalyQueriesShowEachKind(influx, provisioning, modelAnomalies, now);
            assertThat(job.query(StreamTopology.ANALYTICS).isActive()).isTrue();
        }
    }

    /**
     * The Bollinger rule's %B is where each final 1m bar's close lies between its bands, and the spike
     * closes above the upper one; the MACD rule's query is 2 or -2 exactly where the histogram changed
     * sign from one final 1m bar to the next, 0 elsewhere, and the spike makes at least one crossing.
     */
    private static void indicatorRulesDecideFromThePoints(Influx influx, Provisioning provisioning, Instant start, Instant now) {
        QueryPanel macdRule = ProvisionedQueries.alertRules(provisioning).stream()
                .filter(rule -> rule.where().contains("tickpipe-macd-cross")).findFirst().orElseThrow();
        String crossings = GrafanaMacros.of(start, now, Duration.ofSeconds(1), Map.of()).render(macdRule.targets().get(0).query());
        for (String symbol : SYMBOLS) {
            String where = " WHERE \"symbol\" = '" + symbol + "' AND \"interval\" = '1m'";
            Map<Object, Double> closes = new HashMap<>();
            influx.rows("SELECT \"close\" FROM \"bars\"" + where + " AND \"final\" = true")
                    .forEach(row -> closes.put(row.get("time"), Influx.number(row, "close")));
            double highestPercentB = Double.NEGATIVE_INFINITY;
            List<Map<String, Object>> histogram = new ArrayList<>();
            for (Map<String, Object> row : influx.rows("SELECT \"bb_upper_20\", \"bb_lower_20\", \"bb_percent_b_20\","
                    + " \"macd_histogram\" FROM \"indicators\"" + where)) {
                if (row.get("bb_percent_b_20") != null) {
                    double upper = Influx.number(row, "bb_upper_20");
                    double lower = Influx.number(row, "bb_lower_20");
                    double percentB = Influx.number(row, "bb_percent_b_20");
                    assertThat(closes).as("%s bar at %s", symbol, row.get("time")).containsKey(row.get("time"));
                    assertThat(percentB).as("%%B of %s at %s", symbol, row.get("time"))
                            .isCloseTo((closes.get(row.get("time")) - lower) / (upper - lower), within(1e-9));
                    highestPercentB = Math.max(highestPercentB, percentB);
                }
                if (row.get("macd_histogram") != null) {
                    histogram.add(row);
                }
            }
            assertThat(highestPercentB).as("%s's spike closes above its upper band", symbol).isGreaterThan(1);

            Map<Object, Double> expected = new HashMap<>();
            for (int i = 1; i < histogram.size(); i++) {
                expected.put(histogram.get(i).get("time"), Math.signum(Influx.number(histogram.get(i), "macd_histogram"))
                        - Math.signum(Influx.number(histogram.get(i - 1), "macd_histogram")));
            }
            Map<Object, Double> decided = new HashMap<>();
            influx.rows(crossings).stream().filter(row -> symbol.equals(row.get("symbol")))
                    .forEach(row -> decided.put(row.get("time"), Influx.number(row, "cross")));
            assertThat(decided).as("%s's MACD crossings: %s", symbol, crossings).isEqualTo(expected);
            assertThat(decided.values()).as("%s crosses after its spike", symbol).contains(-2.0);
        }
    }

    /**
     * One anomaly of kind {@code model} per symbol and interval, on a bar of the last ten minutes (the
     * model rule's range), written as the job writes anomalies ({@code MarketPoints}): tags symbol,
     * interval and kind, fields score, close and volume of the bar. Returns each point's fields by
     * symbol and interval.
     */
    private static Map<List<String>, Map<String, Object>> writeModelAnomalies(StackFixture fixture, Influx influx, Instant start) {
        Map<List<String>, Map<String, Object>> written = new HashMap<>();
        List<Point> points = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            for (String interval : List.of("1s", "1m")) {
                Instant bar = start.plus(43, ChronoUnit.MINUTES).plusSeconds(interval.equals("1s") ? 30 : 0);
                String query = "SELECT \"close\", \"volume\" FROM \"bars\" WHERE \"symbol\" = '" + symbol
                        + "' AND \"interval\" = '" + interval + "' AND time = '" + bar + "'";
                // The job may still be writing the bars after the spike's.
                Eventually.until(Duration.ofMinutes(1), () -> influx.rows(query).size() == 1, () -> symbol + " " + interval + " bar at " + bar);
                List<Map<String, Object>> rows = influx.rows(query);
                double score = 5.0 + written.size() * 1.25;
                points.add(Point.measurement("anomalies").addTag("symbol", symbol).addTag("interval", interval).addTag("kind", "model")
                        .addField("score", score).addField("close", Influx.number(rows.get(0), "close"))
                        .addField("volume", Influx.number(rows.get(0), "volume")).time(bar, WritePrecision.NS));
                written.put(List.of(symbol, interval), Map.of("time", bar.toEpochMilli() * 1_000_000L, "score", score));
            }
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(InfluxConfig.fromMap(
                Map.of("influx.url", fixture.stack.influxUrl(), "influx.db", fixture.database), Map.of()))) {
            writer.write(points);
        }
        return written;
    }

    /**
     * Each anomaly annotation shows one kind, and together they show every anomaly of the symbol and
     * interval in the dashboard's range once; the model's are exactly those written. The model rule
     * counts one per symbol and interval.
     */
    private static void anomalyQueriesShowEachKind(Influx influx, Provisioning provisioning,
            Map<List<String>, Map<String, Object>> modelAnomalies, Instant now) {
        Path file = Path.of("dashboards/market.json");
        List<QueryPanel> annotations = ProvisionedQueries.dashboard(file, provisioning.dashboards().get(file), provisioning.minInterval())
                .stream().filter(panel -> panel.where().contains(" annotation '")).toList();
        assertThat(annotations).hasSize(3);
        for (String symbol : SYMBOLS) {
            for (String interval : List.of("1s", "1m")) {
                Map<String, String> values = Map.of("symbol", symbol, "interval", interval);
                Set<List<Object>> shown = new HashSet<>();
                Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
                for (QueryPanel annotation : annotations) {
                    List<Map<String, Object>> rows = influx.rows(macros(annotation, values, now).render(annotation.targets().get(0).query()));
                    assertThat(rows).as("%s with %s", annotation.where(), values).isNotEmpty();
                    Set<Object> kinds = new HashSet<>();
                    rows.forEach(row -> kinds.add(row.get("kind")));
                    assertThat(kinds).as("kinds of %s with %s", annotation.where(), values).hasSize(1);
                    byKind.put((String) rows.get(0).get("kind"), rows);
                    rows.forEach(row -> assertThat(shown.add(List.of(row.get("time"), row.get("kind"), row.get("score"))))
                            .as("%s once", row).isTrue());
                }
                assertThat(byKind.keySet()).containsExactlyInAnyOrder("return", "volume", "model");
                Set<List<Object>> all = new HashSet<>();
                Instant from = RelativeTime.resolve(annotations.get(0).from(), now);
                influx.rows("SELECT \"score\", \"kind\" FROM \"anomalies\" WHERE \"symbol\" = '" + symbol + "' AND \"interval\" = '"
                        + interval + "' AND time >= '" + from + "' AND time <= '" + now + "'")
                        .forEach(row -> all.add(List.of(row.get("time"), row.get("kind"), row.get("score"))));
                assertThat(shown).as("anomalies of %s %s", symbol, interval).isEqualTo(all);
                Map<String, Object> model = modelAnomalies.get(List.of(symbol, interval));
                assertThat(byKind.get("model")).as("model anomalies of %s %s", symbol, interval).hasSize(1);
                assertThat(((Number) byKind.get("model").get(0).get("time")).longValue()).isEqualTo(model.get("time"));
                assertThat(Influx.number(byKind.get("model").get(0), "score")).isEqualTo(model.get("score"));
            }
        }

        QueryPanel rule = ProvisionedQueries.alertRules(provisioning).stream()
                .filter(panel -> panel.where().contains("tickpipe-model-anomaly")).findFirst().orElseThrow();
        Map<List<String>, Double> counted = new HashMap<>();
        influx.rows(macros(rule, Map.of(), now).render(rule.targets().get(0).query()))
                .forEach(row -> counted.put(List.of((String) row.get("symbol"), (String) row.get("interval")), Influx.number(row, "anomalies")));
        Map<List<String>, Double> expected = new HashMap<>();
        modelAnomalies.keySet().forEach(key -> expected.put(key, 1.0));
        assertThat(counted).as("model anomalies counted by the rule").isEqualTo(expected);
    }

    /**
     * Every combination of the dashboard's variable values, each variable's query run with the values
     * of those before it, as Grafana refreshes them on load; each must offer exactly {@link #VARIABLE_VALUES}.
     */
    private static List<Map<String, String>> variableValues(Influx influx, JsonNode dashboard, Provisioning provisioning, Instant now) {
        List<Map<String, String>> combinations = List.of(Map.of());
        for (TemplateVariable variable : ProvisionedQueries.variables(dashboard)) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> values : combinations) {
                // SHOW TAG VALUES has no time filter; the range only completes the substitution.
                String query = GrafanaMacros.of(now.minus(Duration.ofHours(1)), now, provisioning.minInterval(), values).render(variable.query());
                Set<String> offered = new TreeSet<>();
                influx.rows(query).forEach(row -> offered.add((String) row.get("value")));
                assertThat(offered).as("values of $%s with %s: %s", variable.name(), values, query)
                        .isEqualTo(VARIABLE_VALUES.get(variable.name()));
                for (String value : offered) {
                    Map<String, String> extended = new HashMap<>(values);
                    extended.put(variable.name(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** Runs the panel's queries as Grafana would; each must return rows, together every mapped field. Returns the number of queries run. */
    private static int run(Influx influx, QueryPanel panel, Map<String, String> values, Instant now) {
        GrafanaMacros macros = macros(panel, values, now);
        Set<String> fields = new TreeSet<>();
        for (QueryTarget target : panel.targets()) {
            String query = macros.render(target.query());
            List<Map<String, Object>> rows = influx.rows(query);
            assertThat(rows).as("%s target %s with %s: %s", panel.where(), target.refId(), values, query).isNotEmpty();
            // Every row carries a number: what a stat reduces, a series plots or a rule compares.
            assertThat(rows).as("%s target %s with %s: %s", panel.where(), target.refId(), values, query)
                    .allMatch(row -> row.entrySet().stream().anyMatch(cell -> !cell.getKey().equals("time") && cell.getValue() instanceof Number));
            // Grafana's field names: the columns and tag keys, with InfluxDB's time as Time.
            rows.forEach(row -> row.forEach((column, value) -> {
                if (value != null) {
                    fields.add(column.equals("time") ? "Time" : column);
                }
            }));
        }
        assertThat(fields).as("fields of %s with %s", panel.where(), values).containsAll(panel.mappedFields());
        return panel.targets().size();
    }

    /** {@code $timeFilter}, {@code $__interval} and the variables as Grafana substitutes them for the panel at {@code now}. */
    private static GrafanaMacros macros(QueryPanel panel, Map<String, String> values, Instant now) {
        Instant from = RelativeTime.resolve(panel.from(), now);
        Instant to = RelativeTime.resolve(panel.to(), now);
        return GrafanaMacros.of(from, to, GrafanaInterval.of(from, to, panel.maxDataPoints(), panel.minInterval()), values);
    }
}
