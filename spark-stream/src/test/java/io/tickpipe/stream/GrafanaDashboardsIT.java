package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickpipe.grafana.GrafanaInterval;
import io.tickpipe.grafana.GrafanaMacros;
import io.tickpipe.grafana.ProvisionedQueries;
import io.tickpipe.grafana.Provisioning;
import io.tickpipe.grafana.QueryPanel;
import io.tickpipe.grafana.QueryTarget;
import io.tickpipe.grafana.RelativeTime;
import io.tickpipe.grafana.TemplateVariable;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the streaming job writes feeds every provisioned dashboard panel, annotation, variable and
 * alert rule: the producer replays 36 minutes of two symbols (plus one price spike each and one
 * undecodable record) through the job into InfluxDB; then every query of
 * {@code grafana-provisioning/} runs there as Grafana would run it (variables from their own
 * queries, every combination of their values, {@code $timeFilter} and {@code $__interval} from the
 * dashboard's or rule's time range relative to now) and must return rows with every field its
 * panel maps by name.
 */
class GrafanaDashboardsIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    /**
     * Enough 1m bars for every indicator (SMA/EMA 20 need 20) and for the anomaly detectors'
     * 30-bar warm-up; at one trade per second per symbol it is still only about 4,800 trades.
     */
    private static final int MINUTES = 36;
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
        // A print at 10,000 (the simulated prices start between 50 and 150) in the last microsecond of
        // minute 34: that minute's 1m bar and its second's 1s bar close on it, a return anomaly in both
        // intervals, whose 30-bar windows are full by then.
        Instant spike = start.plus(35, ChronoUnit.MINUTES).minus(1, ChronoUnit.MICROS);
        for (String symbol : SYMBOLS) {
            produce.addAll(List.of("--replay-file",
                    MarketCsv.trades(dir.resolve("spike-" + symbol + ".csv"), symbol, List.of(spike), 10_000.0).toString()));
        }
        Producer.produce(dir, fixture.produceArgs(produce.toArray(String[]::new)));
        KafkaIo.produceRaw(stack.kafkaBootstrapServers(), fixture.tradesTopic(), "AAPL", List.of(new byte[] {0, 0, 0}));

        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            Influx influx = fixture.influx();
            Eventually.until(Duration.ofMinutes(3),
                    () -> influx.count("SELECT count(price) FROM trades") == csv.tradeCount + SYMBOLS.size()
                            && influx.count("SELECT sum(dead_letters) FROM pipeline") == 1
                            && influx.rows("SELECT count(score) FROM anomalies WHERE \"interval\" = '1m' GROUP BY \"symbol\"").size() == SYMBOLS.size(),
                    () -> "trades " + influx.count("SELECT count(price) FROM trades") + " of " + (csv.tradeCount + SYMBOLS.size())
                            + ", dead letters " + influx.count("SELECT sum(dead_letters) FROM pipeline")
                            + ", 1m anomalies " + influx.rows("SELECT count(score) FROM anomalies WHERE \"interval\" = '1m' GROUP BY \"symbol\""));

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
            // Nothing skipped: market 9 panel targets + the anomaly annotation for each symbol and interval,
            // pipeline health 13 panel targets, 3 rules with one query each.
            assertThat(runs).isEqualTo(10 * SYMBOLS.size() * 2 + 13 + 3);
            assertThat(job.query(StreamTopology.ANALYTICS).isActive()).isTrue();
        }
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
        Instant from = RelativeTime.resolve(panel.from(), now);
        Instant to = RelativeTime.resolve(panel.to(), now);
        Duration interval = GrafanaInterval.of(from, to, panel.maxDataPoints(), panel.minInterval());
        GrafanaMacros macros = GrafanaMacros.of(from, to, interval, values);
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
}
