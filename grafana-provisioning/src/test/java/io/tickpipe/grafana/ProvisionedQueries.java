package io.tickpipe.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The InfluxQL queries the provisioned dashboards and alert rules make Grafana run, each with the
 * field names that whoever shows or evaluates its result refers to: a candlestick's field map,
 * overrides by name, a stat's field regex, transformations' inputs, an annotation's columns, and
 * the labels an alert's annotations print.
 */
public final class ProvisionedQueries {

    /**
     * Grafana asks for as many points as the panel is wide in pixels when the panel does not say;
     * a full-width panel on a laptop screen is about this wide.
     */
    public static final int DEFAULT_MAX_DATA_POINTS = 1000;

    private static final Pattern EXACT_NAME = Pattern.compile("/\\^(\\w+)\\$/");
    private static final Pattern LABEL = Pattern.compile("\\$labels\\.(\\w+)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ProvisionedQueries() {
    }

    /** Every dashboard's panels and annotations, in file and panel order. */
    public static List<QueryPanel> dashboards(Provisioning provisioning) {
        List<QueryPanel> all = new ArrayList<>();
        provisioning.dashboards().forEach((file, dashboard) -> all.addAll(dashboard(file, dashboard, provisioning.minInterval())));
        return all;
    }

    /** One dashboard's panels (also those inside rows) and its annotation queries. */
    public static List<QueryPanel> dashboard(Path file, JsonNode dashboard, Duration minInterval) {
        String from = dashboard.path("time").path("from").asText("now-6h");
        String to = dashboard.path("time").path("to").asText("now");
        List<QueryPanel> found = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            if (!panel.has("targets")) {
                continue;
            }
            List<QueryTarget> targets = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                targets.add(target(file + " panel " + panel.path("id").asText(), target));
            }
            Duration min = panel.hasNonNull("interval") ? GrafanaInterval.parse(panel.path("interval").asText()) : minInterval;
            found.add(new QueryPanel(file + " panel " + panel.path("id").asText() + " '" + panel.path("title").asText() + "'",
                    from, to, panel.path("maxDataPoints").asInt(DEFAULT_MAX_DATA_POINTS), min, List.copyOf(targets), mappedFields(panel)));
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            JsonNode target = annotation.path("target");
            if (!target.has("query")) {
                continue;
            }
            Set<String> columns = new LinkedHashSet<>();
            for (String column : List.of("textColumn", "tagsColumn", "titleColumn", "timeEndColumn")) {
                if (!target.path(column).asText().isEmpty()) {
                    columns.add(target.path(column).asText());
                }
            }
            String where = file + " annotation '" + annotation.path("name").asText() + "'";
            found.add(new QueryPanel(where, from, to, DEFAULT_MAX_DATA_POINTS, minInterval,
                    List.of(target(where, target)), Set.copyOf(columns)));
        }
        return found;
    }

    /** A dashboard's panels, those nested in collapsed rows included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** A dashboard's query variables, in the order Grafana resolves them. */
    public static List<TemplateVariable> variables(JsonNode dashboard) {
        List<TemplateVariable> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                throw new IllegalArgumentException("variable " + variable.path("name").asText() + " is of type "
                        + variable.path("type").asText() + "; only query variables are supported");
            }
            JsonNode query = variable.path("query");
            variables.add(new TemplateVariable(variable.path("name").asText(), query.isObject() ? query.path("query").asText() : query.asText()));
        }
        return variables;
    }

    /**
     * Every alert rule's datasource queries (expressions are Grafana's own), over the rule's relative
     * time range; the mapped fields are the labels its annotations print, which its query must group by.
     */
    public static List<QueryPanel> alertRules(Provisioning provisioning) {
        List<QueryPanel> found = new ArrayList<>();
        for (JsonNode rule : provisioning.alertRules()) {
            String where = "alert rule " + rule.path("uid").asText() + " '" + rule.path("title").asText() + "'";
            List<QueryTarget> targets = new ArrayList<>();
            long fromSeconds = 0;
            long toSeconds = 0;
            int maxDataPoints = 43_200;
            Duration minInterval = Duration.ofSeconds(1);
            for (JsonNode data : rule.path("data")) {
                if (!Provisioning.DATASOURCE_UID.equals(data.path("datasourceUid").asText())) {
                    continue;
                }
                targets.add(target(where, data.path("model")));
                fromSeconds = Math.max(fromSeconds, data.path("relativeTimeRange").path("from").asLong());
                toSeconds = data.path("relativeTimeRange").path("to").asLong();
                maxDataPoints = data.path("model").path("maxDataPoints").asInt(maxDataPoints);
                minInterval = Duration.ofMillis(data.path("model").path("intervalMs").asLong(minInterval.toMillis()));
            }
            Set<String> labels = new LinkedHashSet<>();
            rule.path("annotations").forEach(text -> {
                Matcher m = LABEL.matcher(text.asText());
                while (m.find()) {
                    labels.add(m.group(1));
                }
            });
            found.add(new QueryPanel(where, "now-" + fromSeconds + "s", toSeconds == 0 ? "now" : "now-" + toSeconds + "s",
                    maxDataPoints, minInterval, List.copyOf(targets), Set.copyOf(labels)));
        }
        return found;
    }

    private static QueryTarget target(String where, JsonNode target) {
        if (!target.path("rawQuery").asBoolean(false) || !target.path("query").isTextual()) {
            throw new IllegalArgumentException(where + " target " + target.path("refId").asText()
                    + ": only raw InfluxQL queries (rawQuery: true, query: ...) are supported");
        }
        return new QueryTarget(target.path("refId").asText(), target.path("query").asText(),
                target.path("resultFormat").asText("time_series"));
    }

    /**
     * The names the panel refers to fields by, less those its own transformations create
     * ({@code calculateField}'s alias).
     */
    static Set<String> mappedFields(JsonNode panel) {
        Set<String> referenced = new LinkedHashSet<>();
        Set<String> created = new LinkedHashSet<>();
        panel.path("options").path("fields").forEach(field -> referenced.add(field.asText()));
        Matcher exact = EXACT_NAME.matcher(panel.path("options").path("reduceOptions").path("fields").asText());
        if (exact.matches()) {
            referenced.add(exact.group(1));
        }
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if ("byName".equals(override.path("matcher").path("id").asText())) {
                referenced.add(override.path("matcher").path("options").asText());
            }
        }
        for (JsonNode transformation : panel.path("transformations")) {
            JsonNode options = transformation.path("options");
            switch (transformation.path("id").asText()) {
                case "calculateField" -> {
                    for (String side : List.of("left", "right")) {
                        String operand = options.path("binary").path(side).asText();
                        if (!operand.isEmpty() && !NUMBER.matcher(operand).matches()) {
                            referenced.add(operand);
                        }
                    }
                    created.add(options.path("alias").asText());
                }
                case "organize" -> {
                    for (String map : List.of("excludeByName", "indexByName", "renameByName")) {
                        options.path(map).fieldNames().forEachRemaining(referenced::add);
                    }
                }
                default -> {
                }
            }
        }
        referenced.removeAll(created);
        return Set.copyOf(referenced);
    }
}
