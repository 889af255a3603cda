package io.tickpipe.grafana;

/** One raw InfluxQL query of a panel, annotation or alert rule, as written in the file. */
public record QueryTarget(String refId, String query, String resultFormat) {
}
