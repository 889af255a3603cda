package io.tickpipe.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioning files as Grafana 11 would load them: they parse, refer to what exists, and use only the agreed environment variables. */
class ProvisioningFilesTest {

    /** The variables docker-compose passes to Grafana (shared with compose/docker-compose.yml). */
    private static final Set<String> ENVIRONMENT = Set.of("INFLUX_URL", "INFLUX_DB", "INFLUX_TOKEN", "INFLUX_USER", "INFLUX_PASSWORD");
    /** Grafana 11.0's dashboard schema; later 11.x migrate it on load. */
    private static final int SCHEMA_VERSION = 39;
    private static final Set<String> PANEL_TYPES = Set.of("candlestick", "timeseries", "stat", "table");

    private final Provisioning provisioning = Provisioning.ofRepository();

    @Test
    void theTreeHasTheDatasourceTheDashboardsAndTheRules() {
        assertThat(provisioning.yamlFiles().keySet()).map(Path::toString)
                .containsExactlyInAnyOrder("alerting/tickpipe-rules.yaml", "dashboards/tickpipe.yaml", "datasources/influxdb.yaml");
        assertThat(provisioning.dashboards().keySet()).map(Path::toString)
                .containsExactlyInAnyOrder("dashboards/market.json", "dashboards/pipeline-health.json");
        provisioning.yamlFiles().forEach((path, yaml) -> assertThat(yaml.path("apiVersion").asInt()).as("apiVersion of %s", path).isEqualTo(1));
    }

    @Test
    void theDatasourceSpeaksInfluxQlWithCredentialsFromTheEnvironment() {
        JsonNode source = provisioning.datasource();
        assertThat(source.path("type").asText()).isEqualTo("influxdb");
        assertThat(source.path("access").asText()).isEqualTo("proxy");
        assertThat(source.path("url").asText()).isEqualTo("${INFLUX_URL}");
        assertThat(source.path("user").asText()).isEqualTo("${INFLUX_USER}");
        assertThat(source.path("jsonData").path("version").asText()).isEqualTo("InfluxQL");
        assertThat(source.path("jsonData").path("dbName").asText()).isEqualTo("${INFLUX_DB}");
        assertThat(source.path("jsonData").path("httpHeaderName1").asText()).isEqualTo("Authorization");
        assertThat(source.path("secureJsonData").path("httpHeaderValue1").asText()).isEqualTo("Token ${INFLUX_TOKEN}");
        assertThat(source.path("secureJsonData").path("password").asText()).isEqualTo("${INFLUX_PASSWORD}");
        // Secrets only in secureJsonData, which Grafana encrypts and never sends to browsers.
        assertThat(source.path("jsonData").toString()).doesNotContain("INFLUX_TOKEN", "INFLUX_PASSWORD");
        assertThat(provisioning.minInterval()).hasSeconds(1);
    }

    @Test
    void onlyTheAgreedEnvironmentVariablesAreUsed() {
        Map<String, String> used = provisioning.environmentVariables();
        assertThat(used.keySet()).as("variables and where they are used: %s", used).isEqualTo(ENVIRONMENT);
    }

    @Test
    void theDashboardProviderReadsTheFolderComposeMounts() {
        List<JsonNode> files = provisioning.yamlIn("dashboards");
        assertThat(files).hasSize(1);
        JsonNode provider = files.get(0).path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/etc/grafana/provisioning/dashboards");
    }

    @Test
    void dashboardsHaveUniqueUidsASchemaVersionAndUniquePanelIds() {
        Set<String> uids = new HashSet<>();
        provisioning.dashboards().forEach((path, dashboard) -> {
            assertThat(dashboard.path("uid").asText()).as("uid of %s", path).isNotBlank();
            assertThat(uids.add(dashboard.path("uid").asText())).as("uid of %s is unique", path).isTrue();
            assertThat(dashboard.path("title").asText()).as("title of %s", path).isNotBlank();
            assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion of %s", path).isEqualTo(SCHEMA_VERSION);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : ProvisionedQueries.panels(dashboard)) {
                String what = path + " panel '" + panel.path("title").asText() + "'";
                assertThat(panel.path("id").isInt()).as("id of %s", what).isTrue();
                assertThat(ids.add(panel.path("id").asInt())).as("id of %s is unique", what).isTrue();
                assertThat(PANEL_TYPES).as("type of %s", what).contains(panel.path("type").asText());
                for (String key : List.of("h", "w", "x", "y")) {
                    assertThat(panel.path("gridPos").path(key).isInt()).as("gridPos.%s of %s", key, what).isTrue();
                }
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(refIds.add(target.path("refId").asText())).as("refId %s of %s is unique", target.path("refId"), what).isTrue();
                }
                assertThat(refIds).as("targets of %s", what).isNotEmpty();
            }
        });
    }

    @Test
    void everyDatasourceReferenceResolvesToTheProvisionedOne() {
        List<String> references = new ArrayList<>();
        provisioning.dashboards().forEach((path, dashboard) -> Provisioning.nodes(dashboard, path.toString(), (where, node) -> {
            if (where.endsWith("/datasource")) {
                references.add(where);
                assertThat(node.path("uid").asText()).as(where).isEqualTo(Provisioning.DATASOURCE_UID);
                assertThat(node.path("type").asText()).as(where).isEqualTo("influxdb");
            }
        }));
        // Every panel, every target, both variables and the annotations name their datasource.
        assertThat(references).hasSizeGreaterThan(30);
        for (JsonNode rule : provisioning.alertRules()) {
            for (JsonNode data : rule.path("data")) {
                assertThat(data.path("datasourceUid").asText()).as("datasource of rule %s query %s", rule.path("uid"), data.path("refId"))
                        .isIn(Provisioning.DATASOURCE_UID, "__expr__");
            }
        }
    }

    @Test
    void alertRulesHaveUniqueUidsAndConditionsOverTheirOwnQueries() {
        Set<String> uids = new HashSet<>();
        for (JsonNode file : provisioning.yamlIn("alerting")) {
            for (JsonNode group : file.path("groups")) {
                assertThat(group.path("name").asText()).isNotBlank();
                assertThat(group.path("folder").asText()).isNotBlank();
                assertThat(group.path("interval").asText()).matches("\\d+[smh]");
            }
        }
        List<JsonNode> rules = provisioning.alertRules();
        assertThat(rules).extracting(rule -> rule.path("title").asText())
                .containsExactlyInAnyOrder("RSI above 70 or below 30", "Close outside the Bollinger Bands",
                        "MACD crossed its signal line", "Model anomaly", "Stale data", "Dead-letter queue growing");
        for (JsonNode rule : rules) {
            String uid = rule.path("uid").asText();
            assertThat(uids.add(uid)).as("rule uid %s is unique", uid).isTrue();
            Map<String, JsonNode> byRef = new HashMap<>();
            rule.path("data").forEach(data -> byRef.put(data.path("refId").asText(), data));
            assertThat(byRef).as("rule %s's refIds are unique", uid).hasSize(rule.path("data").size());
            assertThat(byRef).as("rule %s's condition", uid).containsKey(rule.path("condition").asText());
            assertThat(byRef.values()).as("rule %s queries its datasource", uid)
                    .anyMatch(data -> data.path("datasourceUid").asText().equals(Provisioning.DATASOURCE_UID));
            for (JsonNode data : byRef.values()) {
                if (data.path("datasourceUid").asText().equals("__expr__")) {
                    assertThat(byRef).as("rule %s expression %s's input", uid, data.path("refId"))
                            .containsKey(data.path("model").path("expression").asText());
                } else {
                    assertThat(data.path("relativeTimeRange").path("from").asLong()).as("rule %s time range", uid).isPositive();
                }
            }
            JsonNode threshold = byRef.get(rule.path("condition").asText()).path("model");
            assertThat(threshold.path("type").asText()).as("rule %s condition", uid).isEqualTo("threshold");
            assertThat(threshold.path("conditions").get(0).path("evaluator").path("params").size()).isPositive();
            assertThat(rule.path("noDataState").asText()).isIn("OK", "NoData", "Alerting", "KeepLast");
            assertThat(rule.path("execErrState").asText()).isIn("OK", "Error", "Alerting", "KeepLast");
            assertThat(rule.path("for").asText()).matches("\\d+[smh]");
        }
    }

    @Test
    void theRsiRuleFiresOutside30To70() {
        JsonNode rsi = provisioning.alertRules().stream().filter(rule -> rule.path("uid").asText().equals("tickpipe-rsi-extreme")).findFirst().orElseThrow();
        JsonNode evaluator = rsi.path("data").get(2).path("model").path("conditions").get(0).path("evaluator");
        assertThat(evaluator.path("type").asText()).isEqualTo("outside_range");
        assertThat(evaluator.path("params").get(0).asDouble()).isEqualTo(30.0);
        assertThat(evaluator.path("params").get(1).asDouble()).isEqualTo(70.0);
    }

    @Test
    void theBollingerRuleFiresOnAPercentBOutside0To1AndTheMacdRuleOnASignChange() {
        JsonNode bollinger = rule("tickpipe-bollinger-breakout");
        assertThat(query(bollinger)).contains("last(\"bb_percent_b_20\")").contains("\"interval\" = '1m'").contains("GROUP BY \"symbol\"");
        JsonNode evaluator = evaluator(bollinger);
        assertThat(evaluator.path("type").asText()).isEqualTo("outside_range");
        assertThat(List.of(evaluator.path("params").get(0).asDouble(), evaluator.path("params").get(1).asDouble()))
                .containsExactly(0.0, 1.0);

        JsonNode macd = rule("tickpipe-macd-cross");
        // The sign of the histogram (MACD - signal), differenced bar to bar: +-2 where MACD crossed its signal.
        assertThat(query(macd)).contains("difference(\"side\")").contains("\"macd_histogram\" / abs(\"macd_histogram\")")
                .contains("\"interval\" = '1m'").contains("GROUP BY \"symbol\"");
        evaluator = evaluator(macd);
        assertThat(evaluator.path("type").asText()).isEqualTo("outside_range");
        assertThat(List.of(evaluator.path("params").get(0).asDouble(), evaluator.path("params").get(1).asDouble()))
                .containsExactly(-1.0, 1.0);
        // Two final 1m bars with a histogram are needed for one difference: the range holds many.
        assertThat(macd.path("data").get(0).path("relativeTimeRange").path("from").asLong()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void theMarketDashboardDrawsBollingerBandsAroundTheCandlesAMacdPanelWithItsHistogramAndAnAtrPanel() {
        JsonNode market = provisioning.dashboards().get(Path.of("dashboards/market.json"));
        JsonNode candles = panel(market, "candlestick");
        Map<String, JsonNode> overrides = overridesByName(candles);
        assertThat(overrides).containsKeys("bb_upper_20", "bb_lower_20");
        // The band between is shaded: the upper band fills down to the lower one, which Grafana finds by its display name.
        assertThat(property(overrides.get("bb_upper_20"), "custom.fillBelowTo").asText())
                .isEqualTo(property(overrides.get("bb_lower_20"), "displayName").asText());

        JsonNode macd = titled(market, "MACD");
        assertThat(macd.path("targets").get(0).path("query").asText()).contains("\"macd_12_26\"", "\"macd_signal_9\"", "\"macd_histogram\"");
        JsonNode histogram = overridesByName(macd).get("macd_histogram");
        assertThat(property(histogram, "custom.drawStyle").asText()).isEqualTo("bars");
        // Bars coloured by sign: red below 0, green from 0.
        JsonNode steps = property(histogram, "thresholds").path("steps");
        assertThat(steps.get(1).path("value").asDouble()).isZero();
        assertThat(property(histogram, "color").path("mode").asText()).isEqualTo("thresholds");

        JsonNode atr = titled(market, "ATR");
        assertThat(atr.path("targets").get(0).path("query").asText()).contains("last(\"atr_14\")");
        assertThat(atr.path("gridPos").path("y").asInt()).isEqualTo(macd.path("gridPos").path("y").asInt());
    }

    @Test
    void theMarketDashboardHasItsVariablesCandlesRsiScaleAndAnomalies() {
        JsonNode market = provisioning.dashboards().get(Path.of("dashboards/market.json"));
        assertThat(ProvisionedQueries.variables(market)).extracting(TemplateVariable::name).containsExactly("symbol", "interval");
        assertThat(ProvisionedQueries.variables(market)).allSatisfy(variable -> assertThat(variable.query()).startsWith("SHOW TAG VALUES"));
        JsonNode candles = panel(market, "candlestick");
        assertThat(candles.path("options").path("mode").asText()).isEqualTo("candles+volume");
        assertThat(candles.path("options").path("includeAllFields").asBoolean()).isTrue();
        for (String field : List.of("open", "high", "low", "close", "volume")) {
            assertThat(candles.path("options").path("fields").path(field).asText()).isEqualTo(field);
        }
        JsonNode rsi = ProvisionedQueries.panels(market).stream().filter(p -> p.path("title").asText().startsWith("RSI")).findFirst().orElseThrow();
        JsonNode defaults = rsi.path("fieldConfig").path("defaults");
        assertThat(defaults.path("min").asInt()).isZero();
        assertThat(defaults.path("max").asInt()).isEqualTo(100);
        List<Integer> steps = new ArrayList<>();
        defaults.path("thresholds").path("steps").forEach(step -> {
            if (!step.path("value").isNull()) {
                steps.add(step.path("value").asInt());
            }
        });
        assertThat(steps).containsExactly(30, 70);
    }

    @Test
    void anomalyAnnotationsAreOnePerKindEachInItsOwnColour() {
        JsonNode market = provisioning.dashboards().get(Path.of("dashboards/market.json"));
        Map<String, String> colourByKind = new HashMap<>();
        for (JsonNode annotation : market.path("annotations").path("list")) {
            String query = annotation.path("target").path("query").asText();
            assertThat(query).as(annotation.path("name").asText()).contains("FROM \"anomalies\"");
            Matcher kind = Pattern.compile("\"kind\" = '(\\w+)'").matcher(query);
            assertThat(kind.find()).as("%s filters one kind: %s", annotation.path("name").asText(), query).isTrue();
            assertThat(colourByKind.put(kind.group(1), annotation.path("iconColor").asText())).as("kind %s annotated once", kind.group(1)).isNull();
            assertThat(annotation.path("target").path("titleColumn").asText()).isEqualTo("kind");
        }
        // The z-score detector's two kinds and the learned model's.
        assertThat(colourByKind.keySet()).containsExactlyInAnyOrder("return", "volume", "model");
        assertThat(Set.copyOf(colourByKind.values())).as("colours %s", colourByKind).hasSize(3);
    }

    @Test
    void theModelAnomalyRuleFiresOnAnyPointOfKindModel() {
        JsonNode model = rule("tickpipe-model-anomaly");
        assertThat(query(model)).contains("count(\"score\")").contains("\"kind\" = 'model'").contains("GROUP BY \"symbol\", \"interval\"");
        JsonNode evaluator = evaluator(model);
        assertThat(evaluator.path("type").asText()).isEqualTo("gt");
        assertThat(evaluator.path("params").get(0).asDouble()).isZero();
        // A job run without a model writes none: that is no alert, not an alerting "no data".
        assertThat(model.path("noDataState").asText()).isEqualTo("OK");
    }

    @Test
    void everyQueryUsesOnlyItsDashboardsVariablesAndGrafanasMacros() {
        Instant now = Instant.parse("2026-03-02T15:00:00Z");
        provisioning.dashboards().forEach((path, dashboard) -> {
            Map<String, String> values = new HashMap<>();
            for (TemplateVariable variable : ProvisionedQueries.variables(dashboard)) {
                // A variable's query may only use the variables before it.
                GrafanaMacros.of(now.minusSeconds(3600), now, provisioning.minInterval(), values).render(variable.query());
                values.put(variable.name(), "x");
            }
            for (QueryPanel panel : ProvisionedQueries.dashboard(path, dashboard, provisioning.minInterval())) {
                GrafanaMacros macros = GrafanaMacros.of(RelativeTime.resolve(panel.from(), now), RelativeTime.resolve(panel.to(), now),
                        provisioning.minInterval(), values);
                panel.targets().forEach(target -> assertThat(macros.render(target.query())).as(panel.where()).contains("time >= "));
            }
        });
        for (QueryPanel rule : ProvisionedQueries.alertRules(provisioning)) {
            GrafanaMacros macros = GrafanaMacros.of(RelativeTime.resolve(rule.from(), now), now, rule.minInterval(), Map.of());
            rule.targets().forEach(target -> assertThat(macros.render(target.query())).as(rule.where()).contains("time >= "));
        }
    }

    @Test
    void everyMappedFieldIsNamedInItsOwnQueries() {
        List<QueryPanel> all = new ArrayList<>(ProvisionedQueries.dashboards(provisioning));
        all.addAll(ProvisionedQueries.alertRules(provisioning));
        assertThat(all).hasSizeGreaterThan(15);
        for (QueryPanel panel : all) {
            for (String field : panel.mappedFields()) {
                if (!field.equals("Time")) {
                    assertThat(panel.targets()).as("%s maps %s", panel.where(), field)
                            .anyMatch(target -> target.query().contains("\"" + field + "\""));
                }
            }
        }
    }

    private JsonNode rule(String uid) {
        return provisioning.alertRules().stream().filter(rule -> rule.path("uid").asText().equals(uid)).findFirst().orElseThrow();
    }

    private static String query(JsonNode rule) {
        return rule.path("data").get(0).path("model").path("query").asText();
    }

    private static JsonNode evaluator(JsonNode rule) {
        for (JsonNode data : rule.path("data")) {
            if (data.path("refId").asText().equals(rule.path("condition").asText())) {
                return data.path("model").path("conditions").get(0).path("evaluator");
            }
        }
        throw new AssertionError("rule " + rule.path("uid").asText() + " has no condition query");
    }

    private static JsonNode titled(JsonNode dashboard, String prefix) {
        return ProvisionedQueries.panels(dashboard).stream().filter(p -> p.path("title").asText().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled " + prefix + "..."));
    }

    private static Map<String, JsonNode> overridesByName(JsonNode panel) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("id").asText().equals("byName")) {
                byName.put(override.path("matcher").path("options").asText(), override);
            }
        }
        return byName;
    }

    private static JsonNode property(JsonNode override, String id) {
        for (JsonNode property : override.path("properties")) {
            if (property.path("id").asText().equals(id)) {
                return property.path("value");
            }
        }
        throw new AssertionError("override " + override.path("matcher") + " has no " + id);
    }

    private static JsonNode panel(JsonNode dashboard, String type) {
        return ProvisionedQueries.panels(dashboard).stream().filter(p -> p.path("type").asText().equals(type)).findFirst().orElseThrow();
    }
}
