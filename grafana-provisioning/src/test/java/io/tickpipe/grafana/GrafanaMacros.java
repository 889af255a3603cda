package io.tickpipe.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana 11 does to an InfluxQL query before it reaches InfluxDB, in its order:
 * <ol>
 * <li>the frontend replaces template variables ({@code $symbol}, {@code ${symbol}},
 * {@code [[symbol]]}) and the built-ins {@code $__interval}, {@code $__interval_ms},
 * {@code $__from}, {@code $__to}, {@code $__range_s}, {@code $__range_ms} (unknown names stay);</li>
 * <li>the InfluxDB backend replaces {@code $timeFilter} with {@code time >= <from>ms and time <= <to>ms},
 * then what is left of {@code $interval}, {@code $__interval_ms} and {@code $__interval}.</li>
 * </ol>
 * A query in which a variable is still left after that fails here, naming it, where InfluxDB would
 * only report a parse error. {@code $__timeFilter} is a macro of Grafana's SQL datasources, not of
 * InfluxQL, and is refused the same way.
 */
public final class GrafanaMacros {

    // Grafana's templateSrv syntax: $name, [[name]] or [[name:format]], ${name} or ${name.path:format}.
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");
    private static final Pattern LEFT_OVER = Pattern.compile("\\$\\{?\\w+}?|\\[\\[\\w+]]");

    private final Instant from;
    private final Instant to;
    private final Duration interval;
    private final Map<String, String> variables;

    private GrafanaMacros(Instant from, Instant to, Duration interval, Map<String, String> variables) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.variables = variables;
    }

    /** Substitution for one query run: its time range, its {@code $__interval}, the dashboard's variable values. */
    public static GrafanaMacros of(Instant from, Instant to, Duration interval, Map<String, String> variables) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("time range " + from + " .. " + to + " is empty");
        }
        Map<String, String> all = new HashMap<>(variables);
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        all.put("__interval", GrafanaInterval.format(interval));
        all.put("__interval_ms", Long.toString(interval.toMillis()));
        all.put("__from", Long.toString(fromMs));
        all.put("__to", Long.toString(toMs));
        all.put("__range_ms", Long.toString(toMs - fromMs));
        all.put("__range_s", Long.toString((toMs - fromMs) / 1000));
        return new GrafanaMacros(from, to, interval, Map.copyOf(all));
    }

    /**
     * The query as Grafana sends it to InfluxDB.
     *
     * @throws IllegalArgumentException when a variable is left unresolved, or uses a format or path
     *     ({@code ${v:csv}}, {@code ${v.text}}) that the provisioned files have no use for
     */
    public String render(String query) {
        String result = frontend(query);
        result = result.replace("$timeFilter", "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms")
                .replace("$interval", GrafanaInterval.format(interval))
                .replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("$__interval", GrafanaInterval.format(interval));
        Matcher left = LEFT_OVER.matcher(result);
        if (left.find()) {
            throw new IllegalArgumentException("unresolved variable " + left.group() + " in: " + query);
        }
        return result;
    }

    private String frontend(String query) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            String format = m.group(3) != null ? m.group(3) : m.group(6);
            if (m.group(5) != null || (format != null && !format.equals("raw"))) {
                throw new IllegalArgumentException("variable " + m.group() + ": only plain and :raw values are supported, in: " + query);
            }
            String value = variables.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
