package io.tickpipe.spark.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pure-Java computation over a whole input, as the batch job's result must be. */
final class ReferenceAnalytics {
    private ReferenceAnalytics() {
    }

    static List<AnalyticsEvent> finalEvents(List<TestTrade> trades, AnalyticsConfig config) {
        Map<String, SymbolState> states = new LinkedHashMap<>();
        for (TestTrade t : trades) {
            t.addTo(states.computeIfAbsent(t.symbol(), s -> new SymbolState(s, config)));
        }
        List<AnalyticsEvent> events = new ArrayList<>();
        states.values().forEach(state -> events.addAll(state.closeAll()));
        return events;
    }

    static <T extends AnalyticsEvent> List<T> only(List<AnalyticsEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
