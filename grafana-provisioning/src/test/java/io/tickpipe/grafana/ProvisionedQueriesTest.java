package io.tickpipe.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisionedQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPanelMapsItsFieldMapOverridesStatFieldAndTransformationInputsButNotWhatItCalculates() throws Exception {
        JsonNode panel = JSON.readTree("""
                {"id": 1, "title": "t", "type": "stat",
                 "targets": [{"refId": "A", "rawQuery": true, "query": "SELECT x"}],
                 "options": {"fields": {"open": "o"}, "reduceOptions": {"fields": "/^distance$/"}},
                 "fieldConfig": {"overrides": [{"matcher": {"id": "byName", "options": "sma_20"}},
                                               {"matcher": {"id": "byRegexp", "options": "ema.*"}}]},
                 "transformations": [
                   {"id": "calculateField", "options": {"mode": "binary", "alias": "distance",
                     "binary": {"left": "close", "operator": "-", "right": "session_vwap"}}},
                   {"id": "calculateField", "options": {"mode": "binary", "alias": "scaled",
                     "binary": {"left": "distance", "operator": "*", "right": "100"}}},
                   {"id": "organize", "options": {"excludeByName": {"Time": true}}}]}
                """);
        assertThat(ProvisionedQueries.mappedFields(panel)).containsExactlyInAnyOrder("o", "sma_20", "close", "session_vwap", "Time");
    }

    @Test
    void panelsRunOverTheDashboardsTimeWithTheirOwnResolution() throws Exception {
        JsonNode dashboard = JSON.readTree("""
                {"time": {"from": "now-15m", "to": "now"},
                 "annotations": {"list": [{"name": "A", "target": {"refId": "Anno", "rawQuery": true,
                    "query": "SELECT score FROM anomalies", "textColumn": "score", "tagsColumn": "kind"}}]},
                 "panels": [{"id": 1, "title": "row", "type": "row", "panels": [
                   {"id": 2, "title": "p", "type": "timeseries", "maxDataPoints": 100, "interval": "10s",
                    "targets": [{"refId": "A", "rawQuery": true, "resultFormat": "table", "query": "SELECT x"}]}]}]}
                """);
        List<QueryPanel> panels = ProvisionedQueries.dashboard(Path.of("d.json"), dashboard, Duration.ofSeconds(1));
        assertThat(panels).hasSize(2);
        QueryPanel nested = panels.get(0);
        assertThat(nested.where()).isEqualTo("d.json panel 2 'p'");
        assertThat(nested.from()).isEqualTo("now-15m");
        assertThat(nested.maxDataPoints()).isEqualTo(100);
        assertThat(nested.minInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(nested.targets()).containsExactly(new QueryTarget("A", "SELECT x", "table"));
        QueryPanel annotation = panels.get(1);
        assertThat(annotation.mappedFields()).containsExactlyInAnyOrder("score", "kind");
        assertThat(annotation.maxDataPoints()).isEqualTo(ProvisionedQueries.DEFAULT_MAX_DATA_POINTS);
    }

    @Test
    void aBuilderQueryIsRefused() throws Exception {
        JsonNode dashboard = JSON.readTree("""
                {"panels": [{"id": 3, "title": "p", "targets": [{"refId": "B", "measurement": "bars"}]}]}
                """);
        assertThatThrownBy(() -> ProvisionedQueries.dashboard(Path.of("d.json"), dashboard, Duration.ofSeconds(1)))
                .hasMessageContaining("d.json panel 3 target B: only raw InfluxQL queries");
    }

    @Test
    void alertRulesRunOverTheirRelativeRangeAndMapTheLabelsTheirAnnotationsPrint() {
        List<QueryPanel> rules = ProvisionedQueries.alertRules(Provisioning.ofRepository());
        QueryPanel rsi = rules.stream().filter(rule -> rule.where().contains("tickpipe-rsi-extreme")).findFirst().orElseThrow();
        assertThat(rsi.from()).isEqualTo("now-600s");
        assertThat(rsi.to()).isEqualTo("now");
        assertThat(rsi.maxDataPoints()).isEqualTo(43_200);
        assertThat(rsi.minInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rsi.targets()).extracting(QueryTarget::refId).containsExactly("A");
        assertThat(rsi.mappedFields()).containsExactly("symbol");
    }
}
