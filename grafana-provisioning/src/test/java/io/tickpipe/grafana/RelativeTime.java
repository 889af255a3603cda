package io.tickpipe.grafana;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dashboard's time setting ({@code now}, {@code now-1h}, {@code now-600s}) as an instant, relative to a given now. */
public final class RelativeTime {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+(?:ms|s|m|h|d|w)))?");

    private RelativeTime() {
    }

    /**
     * @throws IllegalArgumentException for what this does not resolve: rounding ({@code now/d}),
     *     months and years (calendar units in Grafana), absolute dates; the provisioned files use none
     */
    public static Instant resolve(String expression, Instant now) {
        Matcher m = RELATIVE.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("time '" + expression + "' is not now or now-<n><ms|s|m|h|d|w>");
        }
        return m.group(1) == null ? now : now.minus(GrafanaInterval.parse(m.group(1)));
    }
}
