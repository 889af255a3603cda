package io.tickpipe.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

    private static final Instant FROM = Instant.parse("2026-03-02T14:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T15:00:00Z");
    private static final GrafanaMacros MACROS = GrafanaMacros.of(FROM, TO, Duration.ofSeconds(5), Map.of("symbol", "AAPL", "interval", "1m"));

    @Test
    void timeFilterBecomesTheBackendsMillisecondBounds() {
        assertThat(MACROS.render("SELECT x FROM m WHERE $timeFilter"))
                .isEqualTo("SELECT x FROM m WHERE time >= 1772460000000ms and time <= 1772463600000ms");
    }

    @Test
    void dashboardVariablesInEverySyntaxAndTheIntervalBuiltIns() {
        assertThat(MACROS.render("WHERE \"symbol\" = '$symbol' OR s = '${symbol}' OR s = '[[symbol]]' OR s = '${symbol:raw}'"))
                .isEqualTo("WHERE \"symbol\" = 'AAPL' OR s = 'AAPL' OR s = 'AAPL' OR s = 'AAPL'");
        // $__interval_ms is not $__interval followed by "_ms".
        assertThat(MACROS.render("GROUP BY time($__interval) LIMIT $__interval_ms")).isEqualTo("GROUP BY time(5s) LIMIT 5000");
        assertThat(MACROS.render("$__from $__to $__range_s $__range_ms")).isEqualTo("1772460000000 1772463600000 3600 3600000");
    }

    @Test
    void aDashboardVariableNamedIntervalWinsOverTheBackendsLegacyInterval() {
        assertThat(MACROS.render("\"interval\" = '$interval'")).isEqualTo("\"interval\" = '1m'");
        // Without such a variable (an alert rule) the backend puts the query interval there.
        GrafanaMacros alert = GrafanaMacros.of(FROM, TO, Duration.ofSeconds(5), Map.of());
        assertThat(alert.render("GROUP BY time($interval)")).isEqualTo("GROUP BY time(5s)");
    }

    @Test
    void regexAnchorsAroundAVariableStayAsTheyAre() {
        assertThat(MACROS.render("\"symbol\" =~ /^$symbol$/")).isEqualTo("\"symbol\" =~ /^AAPL$/");
    }

    @Test
    void anUnresolvedVariableIsNamed() {
        assertThatThrownBy(() -> MACROS.render("WHERE s = '$sybmol'")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unresolved variable $sybmol");
        assertThatThrownBy(() -> MACROS.render("WHERE s = '[[exchange]]'")).hasMessageContaining("unresolved variable [[exchange]]");
        // A SQL datasource macro: Grafana's InfluxQL backend leaves it alone, InfluxDB would fail.
        assertThatThrownBy(() -> MACROS.render("WHERE $__timeFilter")).hasMessageContaining("unresolved variable $__timeFilter");
    }

    @Test
    void formatsAndPathsAreRefused() {
        assertThatThrownBy(() -> MACROS.render("s =~ /${symbol:regex}/")).hasMessageContaining("${symbol:regex}");
        assertThatThrownBy(() -> MACROS.render("s = '${symbol.text}'")).hasMessageContaining("${symbol.text}");
        assertThatThrownBy(() -> GrafanaMacros.of(TO, FROM, Duration.ofSeconds(1), Map.of())).hasMessageContaining("is empty");
    }
}
