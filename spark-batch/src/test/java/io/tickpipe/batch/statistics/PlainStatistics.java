package io.tickpipe.batch.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary and the correlations computed the plain way, with loops over the bars of a symbol, as
 * the reference the Spark functions are compared with.
 */
final class PlainStatistics {
    private PlainStatistics() {
    }

    /** The expected summary row of one symbol, by column name, in the summary's column order. */
    static Map<String, Object> summary(List<TestBar> symbolBars, List<TestAnomaly> allAnomalies, String interval,
            Duration length, double annualizationFactor) {
        List<TestBar> bars = new ArrayList<>(symbolBars);
        bars.sort(Comparator.comparing(TestBar::time));
        TestBar first = bars.get(0);
        TestBar last = bars.get(bars.size() - 1);
        String symbol = first.symbol();

        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        long tradeCount = 0;
        boolean allTradeCounts = true;
        double vwapVolume = 0;
        boolean allVwaps = true;
        for (TestBar bar : bars) {
            high = Math.max(high, bar.high());
            low = Math.min(low, bar.low());
            volume += bar.volume();
            if (bar.tradeCount() == null) {
                allTradeCounts = false;
            } else {
                tradeCount += bar.tradeCount();
            }
            if (bar.vwap() == null) {
                allVwaps = false;
            } else {
                vwapVolume += bar.vwap() * bar.volume();
            }
        }

        List<Double> returns = logReturns(bars).values().stream().toList();
        Double mean = null;
        Double stddev = null;
        if (!returns.isEmpty()) {
            double total = 0;
            for (double r : returns) {
                total += r;
            }
            mean = total / returns.size();
        }
        if (returns.size() >= 2) {
            double squares = 0;
            for (double r : returns) {
                squares += (r - mean) * (r - mean);
            }
            stddev = Math.sqrt(squares / (returns.size() - 1));
        }

        double peak = Double.NEGATIVE_INFINITY;
        Instant peakTime = null;
        double maxDrawdown = 0;
        Instant drawdownPeak = null;
        Instant drawdownTrough = null;
        for (TestBar bar : bars) {
            if (bar.close() >= peak) {
                peak = bar.close();
                peakTime = bar.time();
            }
            double drawdown = (peak - bar.close()) / peak;
            if (drawdown > maxDrawdown) {
                maxDrawdown = drawdown;
                drawdownPeak = peakTime;
                drawdownTrough = bar.time();
            }
        }

        Map<String, Long> byKind = new TreeMap<>();
        long anomalies = 0;
        for (TestAnomaly a : allAnomalies) {
            if (a.symbol().equals(symbol)) {
                anomalies++;
                byKind.merge(a.interval() + "/" + a.kind(), 1L, Long::sum);
            }
        }

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", symbol);
        row.put("interval", interval);
        row.put("first_time", first.time());
        row.put("last_time", last.time().plus(length));
        row.put("open", first.open());
        row.put("high", high);
        row.put("low", low);
        row.put("close", last.close());
        row.put("volume", volume);
        row.put("trade_count", allTradeCounts ? tradeCount : null);
        row.put("vwap", allVwaps && volume != 0 ? vwapVolume / volume : null);
        row.put("total_return", last.close() / first.open() - 1);
        row.put("log_return_mean", mean);
        row.put("log_return_stddev", stddev);
        row.put("annualized_volatility", stddev == null ? null : stddev * annualizationFactor);
        row.put("annualization_factor", annualizationFactor);
        row.put("max_drawdown", maxDrawdown);
        row.put("drawdown_peak_time", drawdownPeak);
        row.put("drawdown_trough_time", drawdownTrough);
        row.put("anomalies", anomalies);
        row.put("anomalies_by_kind", byKind);
        row.put("bar_count", (long) bars.size());
        return row;
    }

    /** Log return by bar time, from each bar after the first to the bar before it. */
    static Map<Instant, Double> logReturns(List<TestBar> symbolBars) {
        List<TestBar> bars = new ArrayList<>(symbolBars);
        bars.sort(Comparator.comparing(TestBar::time));
        Map<Instant, Double> returns = new TreeMap<>();
        for (int i = 1; i < bars.size(); i++) {
            returns.put(bars.get(i).time(), Math.log(bars.get(i).close() / bars.get(i - 1).close()));
        }
        return returns;
    }

    /** Pearson correlation over the common times, or null (fewer than 3 of them, or no variance). */
    static Double pearson(Map<Instant, Double> a, Map<Instant, Double> b) {
        List<double[]> pairs = commonReturns(a, b);
        if (pairs.size() < 3) {
            return null;
        }
        double meanX = 0;
        double meanY = 0;
        for (double[] p : pairs) {
            meanX += p[0];
            meanY += p[1];
        }
        meanX /= pairs.size();
        meanY /= pairs.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
            syy += (p[1] - meanY) * (p[1] - meanY);
        }
        if (sxx == 0 || syy == 0) {
            return null;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static List<double[]> commonReturns(Map<Instant, Double> a, Map<Instant, Double> b) {
        List<double[]> pairs = new ArrayList<>();
        for (Map.Entry<Instant, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                pairs.add(new double[] {e.getValue(), other});
            }
        }
        return pairs;
    }
}
