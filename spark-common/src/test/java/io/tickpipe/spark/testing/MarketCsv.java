package io.tickpipe.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded trades and quotes as the producer's replay CSV files, spread over minutes of event time
 * so that a test gets many closed bars without waiting for them: `tickpipe produce --source replay
 * --speed 0` sends them as fast as it can with their recorded times. Some trades of a symbol share
 * a microsecond, so the tie-break by sequence number is exercised.
 */
public final class MarketCsv {

    public final Path trades;
    public final Path quotes;
    public final int tradeCount;
    public final int quoteCount;

    private MarketCsv(Path trades, Path quotes, int tradeCount, int quoteCount) {
        this.trades = trades;
        this.quotes = quotes;
        this.tradeCount = tradeCount;
        this.quoteCount = quoteCount;
    }

    public static MarketCsv write(Path dir, long seed, List<String> symbols, Instant start, int seconds, int tradesPerSecond) {
        Random random = new Random(seed);
        List<String> tradeLines = new ArrayList<>();
        List<String> quoteLines = new ArrayList<>();
        tradeLines.add("event_time,symbol,price,size,exchange");
        quoteLines.add("event_time,symbol,bid,ask,bid_size,ask_size,exchange");
        double[] price = new double[symbols.size()];
        for (int s = 0; s < symbols.size(); s++) {
            price[s] = 50 + 100 * random.nextDouble();
        }
        // One line per event in time order across symbols, as a feed would deliver them.
        long stepMicros = 1_000_000L / tradesPerSecond;
        for (long t = 0; t < seconds * 1_000_000L; t += stepMicros) {
            for (int s = 0; s < symbols.size(); s++) {
                long jitter = random.nextInt((int) stepMicros);
                Instant time = start.plus(t + jitter, ChronoUnit.MICROS);
                price[s] = Math.max(1, price[s] * (1 + random.nextGaussian() * 0.002));
                double p = Math.round(price[s] * 100) / 100.0;
                double size = 1 + random.nextInt(500);
                tradeLines.add(time + "," + symbols.get(s) + "," + p + "," + size + ",XNAS");
                if (random.nextInt(10) == 0) {
                    // A second print in the same microsecond: open/close must fall back to sequence order.
                    tradeLines.add(time + "," + symbols.get(s) + "," + Math.round((p + 0.01) * 100) / 100.0 + ",7.0,XNAS");
                }
                if (random.nextBoolean()) {
                    quoteLines.add(time + "," + symbols.get(s) + "," + (p - 0.01) + "," + (p + 0.02) + ",100.0,200.0,XNAS");
                }
            }
        }
        tradeLines.sort(MarketCsv::byTime);
        quoteLines.sort(MarketCsv::byTime);
        try {
            Path tradeFile = Files.write(dir.resolve("trades-" + seed + ".csv"), tradeLines);
            Path quoteFile = Files.write(dir.resolve("quotes-" + seed + ".csv"), quoteLines);
            return new MarketCsv(tradeFile, quoteFile, tradeLines.size() - 1, quoteLines.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trades for one symbol at the given times (a file of their own, e.g. late arrivals), of size 1. */
    public static Path trades(Path file, String symbol, List<Instant> times, double price) {
        return trades(file, symbol, times, price, 1.0);
    }

    /** Trades for one symbol at the given times, each of {@code size} shares. */
    public static Path trades(Path file, String symbol, List<Instant> times, double price, double size) {
        List<String> lines = new ArrayList<>();
        lines.add("event_time,symbol,price,size,exchange");
        for (Instant time : times) {
            // Plain digits: Double.toString writes 1.0E7 for ten million.
            lines.add(time + "," + symbol + "," + price + "," + BigDecimal.valueOf(size).toPlainString() + ",XNAS");
        }
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The header stays first; data lines by their leading ISO time (same width, so text order is time order),
    // stable, so same-microsecond prints keep their written order.
    private static int byTime(String a, String b) {
        boolean headerA = a.startsWith("event_time");
        boolean headerB = b.startsWith("event_time");
        if (headerA || headerB) {
            return headerA == headerB ? 0 : headerA ? -1 : 1;
        }
        return Instant.parse(a.substring(0, a.indexOf(','))).compareTo(Instant.parse(b.substring(0, b.indexOf(','))));
    }
}
