package io.tickpipe.grafana;

/** A dashboard's query variable: Grafana offers the values of the {@code SHOW TAG VALUES} query's {@code value} column. */
public record TemplateVariable(String name, String query) {
}
