package io.tickpipe.grafana;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The queries Grafana runs together (a panel's targets, an annotation, an alert rule's datasource
 * queries), the time range and resolution it runs them with, and the field names the panel maps
 * by name (Grafana's field names: the query's column names, tag keys, and {@code Time} for
 * InfluxDB's {@code time}).
 *
 * @param where what it is, for messages: file, panel id and title
 * @param from Grafana's time setting, e.g. {@code now-1h}
 * @param to e.g. {@code now}
 */
public record QueryPanel(String where, String from, String to, int maxDataPoints, Duration minInterval,
        List<QueryTarget> targets, Set<String> mappedFields) {
}
