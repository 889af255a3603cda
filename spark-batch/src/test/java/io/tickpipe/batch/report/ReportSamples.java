package io.tickpipe.batch.report;

import io.tickpipe.spark.analytics.AverageTrueRange;
import io.tickpipe.spark.analytics.BollingerBands;
import io.tickpipe.spark.analytics.MovingAverageConvergenceDivergence;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Report models from seeded random walks, with overlays that warm up as the real indicators do (SMA
 * and EMA from the {@code period}-th candle, RSI from the one after; Bollinger Bands, MACD and ATR
 * from the job's own classes), for tests of the writer.
 */
final class ReportSamples {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final int SMA = 20;
    static final int EMA = 20;
    static final int RSI = 14;
    static final IndicatorPeriods PERIODS = new IndicatorPeriods(SMA, EMA, RSI, 20, 2, 12, 26, 9, 14);

    private ReportSamples() {
    }

    /** What a sample symbol holds. */
    record Spec(String symbol, int candles, int returnAnomalies, int volumeAnomalies, long anomalyCount) {
        Spec(String symbol, int candles, int returnAnomalies, int volumeAnomalies) {
            this(symbol, candles, returnAnomalies, volumeAnomalies, returnAnomalies + volumeAnomalies);
        }
    }

    static RunInfo run(Instant first, Instant last, List<String> notes) {
        return new RunInfo(List.of("kafka market.trades", "csv /data/trades.csv.gz"), first, last,
                List.of("1m", "1d"), "1d", NEW_YORK, PERIODS, notes, Instant.parse("2024-03-12T21:05:00Z"));
    }

    /** 1m candles from 2024-03-11 09:30 New York, one symbol after the other. */
    static ReportModel model(List<Spec> specs, RejectedInput rejects, List<String> notes) {
        Instant start = Instant.parse("2024-03-11T13:30:00Z");
        List<SymbolReport> symbols = new ArrayList<>();
        long seed = 7;
        for (Spec spec : specs) {
            symbols.add(symbol(spec, start, Duration.ofMinutes(1), "1m", "1m", seed++));
        }
        Instant last = start.plus(Duration.ofMinutes(specs.stream().mapToInt(Spec::candles).max().orElse(1) - 1));
        List<String> names = symbols.stream().map(SymbolReport::symbol).toList();
        return new ReportModel(run(start, last, notes), symbols, correlation(names, List.of()), rejects);
    }

    /** Correlations from a seeded generator, undefined for the pairs in {@code undefined}. */
    static CorrelationMatrix correlation(List<String> symbols, List<List<String>> undefined) {
        Random random = new Random(3);
        List<CorrelationMatrix.Cell> pairs = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            pairs.add(new CorrelationMatrix.Cell(symbols.get(i), symbols.get(i), 1.0, 250));
            for (int j = i + 1; j < symbols.size(); j++) {
                String a = symbols.get(i);
                String b = symbols.get(j);
                boolean none = undefined.stream().anyMatch(p -> p.containsAll(List.of(a, b)));
                pairs.add(new CorrelationMatrix.Cell(a, b, none ? null : random.nextDouble() * 1.6 - 0.8, none ? 1 : 250));
            }
        }
        return CorrelationMatrix.fromPairs(symbols, pairs);
    }

    static SymbolReport symbol(Spec spec, Instant start, Duration step, String barInterval, String chartInterval,
                               long seed) {
        Random random = new Random(seed);
        List<Candle> candles = new ArrayList<>();
        double close = 50 + random.nextDouble() * 200;
        for (int i = 0; i < spec.candles(); i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * 0.002 + (i % 97 < 48 ? 0.0004 : -0.0004));
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.001);
            double volume = Math.floor(1_000 + random.nextDouble() * 20_000);
            candles.add(new Candle(start.plus(step.multipliedBy(i)).toEpochMilli(), open, high, low, close, volume));
        }
        List<Double> vwap = new ArrayList<>();
        List<Double> sma = new ArrayList<>();
        List<Double> ema = new ArrayList<>();
        List<Double> rsi = new ArrayList<>();
        double pv = 0;
        double v = 0;
        Double emaValue = null;
        double gain = 0;
        double loss = 0;
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            pv += (c.high() + c.low() + c.close()) / 3 * c.volume();
            v += c.volume();
            vwap.add(pv / v);
            if (i + 1 >= SMA) {
                double sum = 0;
                for (int k = i + 1 - SMA; k <= i; k++) {
                    sum += candles.get(k).close();
                }
                sma.add(sum / SMA);
            } else {
                sma.add(null);
            }
            if (i + 1 == EMA) {
                emaValue = sma.get(i);
            } else if (emaValue != null) {
                emaValue = emaValue + 2.0 / (EMA + 1) * (c.close() - emaValue);
            }
            ema.add(emaValue);
            if (i > 0) {
                double change = c.close() - candles.get(i - 1).close();
                if (i <= RSI) {
                    gain += Math.max(change, 0) / RSI;
                    loss += Math.max(-change, 0) / RSI;
                } else {
                    gain = (gain * (RSI - 1) + Math.max(change, 0)) / RSI;
                    loss = (loss * (RSI - 1) + Math.max(-change, 0)) / RSI;
                }
            }
            rsi.add(i < RSI ? null : loss == 0 ? 100.0 : 100 - 100 / (1 + gain / loss));
        }
        List<Double> upper = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> macd = new ArrayList<>();
        List<Double> signal = new ArrayList<>();
        List<Double> atr = new ArrayList<>();
        BollingerBands bollinger = new BollingerBands(PERIODS.bollinger(), PERIODS.bollingerWidth());
        MovingAverageConvergenceDivergence lines = new MovingAverageConvergenceDivergence(PERIODS.macdFast(),
                PERIODS.macdSlow(), PERIODS.macdSignal());
        AverageTrueRange range = new AverageTrueRange(PERIODS.atr());
        for (Candle c : candles) {
            BollingerBands.Bands bands = bollinger.add(c.close());
            upper.add(bands == null ? null : bands.upper());
            lower.add(bands == null ? null : bands.lower());
            MovingAverageConvergenceDivergence.Lines l = lines.add(c.close());
            macd.add(l == null ? null : l.macd());
            signal.add(l == null ? null : l.signal());
            atr.add(range.add(c.high(), c.low(), c.close()));
        }
        List<AnomalyMark> anomalies = new ArrayList<>();
        int total = spec.returnAnomalies() + spec.volumeAnomalies();
        for (int k = 0; k < total; k++) {
            int at = (int) ((long) (k + 1) * candles.size() / (total + 1));
            Candle c = candles.get(at);
            String kind = k < spec.returnAnomalies() ? "return" : "volume";
            anomalies.add(new AnomalyMark(c.time(), kind, (k % 2 == 0 ? 1 : -1) * (4 + k * 0.37), c.close()));
        }
        anomalies.sort(java.util.Comparator.comparingLong(AnomalyMark::time).thenComparing(AnomalyMark::kind));
        return new SymbolReport(spec.symbol(), barInterval, chartInterval, candles, vwap, sma, ema, rsi, upper, lower, macd,
                signal, atr, anomalies, spec.anomalyCount(), summary(spec.symbol(), candles, anomalies, spec.anomalyCount()));
    }

    static SummaryRow summary(String symbol, List<Candle> candles, List<AnomalyMark> anomalies, long anomalyCount) {
        Candle first = candles.get(0);
        Candle last = candles.get(candles.size() - 1);
        double high = candles.stream().mapToDouble(Candle::high).max().orElseThrow();
        double low = candles.stream().mapToDouble(Candle::low).min().orElseThrow();
        double volume = candles.stream().mapToDouble(Candle::volume).sum();
        Map<String, Long> byKind = new TreeMap<>();
        anomalies.forEach(a -> byKind.merge(a.kind(), 1L, Long::sum));
        byKind.merge("return", anomalyCount - anomalies.size(), Long::sum);
        byKind.values().removeIf(n -> n == 0);
        return new SummaryRow(symbol, "1d", Instant.ofEpochMilli(first.time()), Instant.ofEpochMilli(last.time()),
                first.open(), high, low, last.close(), volume, 12_345L, (high + low) / 2,
                last.close() / first.open() - 1, 0.00041, 0.0123, 0.0123 * Math.sqrt(252), Math.sqrt(252), 0.0731,
                Instant.ofEpochMilli(first.time()), Instant.ofEpochMilli(last.time()), anomalyCount, byKind,
                1);
    }
}
