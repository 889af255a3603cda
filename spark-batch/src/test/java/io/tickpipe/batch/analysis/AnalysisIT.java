package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-batch analyze} end to end, each input: its Parquet tables, report and printed summary
 * against what the input holds, computed independently; bad input, and nothing to analyse.
 */
class AnalysisIT {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");

    /** One run: its exit code and what it printed. */
    private record Run(int exitCode, String printed) {
    }

    private static Run analyze(String... args) {
        List<String> command = new ArrayList<>(List.of("analyze"));
        command.addAll(List.of(args));
        StringWriter err = new StringWriter();
        JobCommandLine.Launch<Object> launch = BatchJob.parse(command.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(launch.config()).as(err.toString()).isInstanceOf(AnalyzeConfig.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = Analysis.run(LocalSpark.session(), (AnalyzeConfig) launch.config(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(code, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tradeFilesWithBadLinesGiveTheBarsOfTheGoodLinesAndARejectPerBadLine(@TempDir Path dir) throws IOException {
        MarketCsv csv = MarketCsv.write(dir, 5, List.of("AAPL", "MSFT"), START, 600, 2);
        Path bad = Files.write(dir.resolve("bad.csv"), List.of("event_time,symbol,price,size",
                START.plusSeconds(30) + ",AAPL,abc,5",
                START.plusSeconds(31) + ",AAPL,101.5,7",
                "yesterday,AAPL,101.5,7"));
        Path out = dir.resolve("out");
        Path report = dir.resolve("report.html");

        Run run = analyze("--source", "csv", "--trades", csv.trades.toString(), "--trades", bad.toString(),
                "--intervals", "1m,1d", "--output-dir", out.toString(), "--report", report.toString(), "--fail-on-reject");

        assertThat(run.exitCode()).as(run.printed()).isEqualTo(Analysis.FAILED);
        assertThat(run.printed()).contains("summary of 2 symbols at 1d bars", "AAPL", "MSFT", "rejected: 2",
                "--fail-on-reject: 2 input line(s) or record(s) rejected");
        // Independently: the good lines of both files, minute by minute.
        List<Trade> trades = new ArrayList<>(readTrades(csv.trades));
        trades.add(trade("AAPL", START.plusSeconds(31), 101.5, 7, trades.size()));
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected = ExpectedBars.of(trades, 60_000_000L);
        SparkSession spark = LocalSpark.session();
        Map<ExpectedBars.Key, Row> minutes = new HashMap<>();
        for (Row row : spark.read().parquet(out.resolve("bars").toString()).where(col("interval").equalTo("1m"))
                .withColumn("time", unix_micros(col("time"))).collectAsList()) {
            minutes.put(new ExpectedBars.Key(row.getAs("symbol"), row.getAs("time")), row);
        }
        assertThat(minutes.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, bar) -> {
            Row row = minutes.get(key);
            assertThat(List.of(row.<Double>getAs("open"), row.<Double>getAs("high"), row.<Double>getAs("low"), row.<Double>getAs("close")))
                    .as("%s", key).isEqualTo(List.of(bar.open(), bar.high(), bar.low(), bar.close()));
            assertThat(row.<Double>getAs("volume")).isCloseTo(bar.volume(), within(1e-9));
            assertThat(row.<Long>getAs("trade_count")).isEqualTo(bar.tradeCount());
            assertThat(row.<Double>getAs("vwap")).isCloseTo(bar.vwap(), within(1e-9));
        });
        assertThat(spark.read().parquet(out.resolve("bars").toString()).where(col("interval").equalTo("1d")).count())
                .as("one New York day of trades per symbol").isEqualTo(2);
        List<Row> rejects = spark.read().parquet(out.resolve("rejects").toString()).orderBy("line").collectAsList();
        assertThat(rejects).extracting(r -> r.getAs("source").toString().endsWith("bad.csv"), r -> r.getAs("line"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 2L), org.assertj.core.groups.Tuple.tuple(true, 4L));
        assertThat(rejects.get(0).<String>getAs("reason")).contains("price");
        assertThat(rejects.get(1).<String>getAs("reason")).contains("event_time");
        for (String table : List.of("indicators", "anomalies", "summary", "correlation")) {
            assertThat(out.resolve(table)).as(table).isDirectory();
        }
        assertThat(spark.read().parquet(out.resolve("summary").toString()).count()).isEqualTo(2);
        assertThat(spark.read().parquet(out.resolve("correlation").toString()).count()).isEqualTo(4);
        assertThat(spark.read().parquet(out.resolve("indicators").toString()).columns()).containsExactly("symbol", "interval",
                "time", "session_vwap", "sma_20", "ema_20", "rsi_14", "bb_middle_20", "bb_upper_20", "bb_lower_20",
                "bb_percent_b_20", "bb_bandwidth_20", "macd_12_26", "macd_signal_9", "macd_histogram", "atr_14");
        assertThat(Files.readString(report)).contains("AAPL", "MSFT").doesNotContain("src=\"http");
    }

    @Test
    void dailyBarFilesGiveTheirBarsAndStatisticsWithoutTradeFields(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("Date,Open,High,Low,Close,Adj Close,Volume"));
        List<Double> closes = new ArrayList<>();
        List<Double> trueRanges = new ArrayList<>();
        double close = 100;
        LocalDate day = LocalDate.parse("2025-01-02");
        for (int i = 0; i < 60; i++, day = day.plusDays(1)) {
            double open = close;
            close = Math.round((close * (1 + Math.sin(i) * 0.02)) * 100) / 100.0;
            closes.add(close);
            double high = Math.max(open, close) + 1;
            double low = Math.min(open, close) - 1;
            // Each day opens at the close before and its range holds that open: the true range is high - low.
            trueRanges.add(high - low);
            lines.add(day + "," + open + "," + high + "," + low + "," + close + "," + close + "," + (1000 + i));
        }
        lines.add(day + ",1,2,3,4,4,5");                     // high below low: rejected
        Path file = Files.write(dir.resolve("AAPL.csv"), lines);
        Path out = dir.resolve("out");

        Run run = analyze("--source", "bars", "--bars", file.toString(), "--output-dir", out.toString(),
                "--bb-period", "10", "--atr-period", "5");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.printed()).contains("note: 1m bars left out", "summary of 1 symbol at 1d bars", "rejected: 1");
        SparkSession spark = LocalSpark.session();
        Row summary = spark.read().parquet(out.resolve("summary").toString()).first();
        assertThat(summary.<String>getAs("symbol")).isEqualTo("AAPL");
        assertThat(summary.<Long>getAs("bar_count")).isEqualTo(60);
        assertThat(summary.<Object>getAs("trade_count")).isNull();
        assertThat(summary.<Object>getAs("vwap")).isNull();
        assertThat(summary.<Double>getAs("total_return")).isCloseTo(closes.get(59) / 100.0 - 1, within(1e-12));
        // Independently: the sample standard deviation of the daily log returns, times sqrt(252).
        double[] returns = new double[59];
        for (int i = 1; i < 60; i++) {
            returns[i - 1] = Math.log(closes.get(i) / closes.get(i - 1));
        }
        double mean = java.util.Arrays.stream(returns).average().orElseThrow();
        double variance = java.util.Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).sum() / 58;
        assertThat(summary.<Double>getAs("annualized_volatility")).isCloseTo(Math.sqrt(variance) * Math.sqrt(252), within(1e-12));
        List<Row> bars = spark.read().parquet(out.resolve("bars").toString()).orderBy("time").collectAsList();
        assertThat(bars).hasSize(60).allSatisfy(bar -> {
            assertThat(bar.<String>getAs("interval")).isEqualTo("1d");
            assertThat(bar.<Object>getAs("trade_count")).isNull();
        });
        // A date bar is its New York day.
        assertThat(bars.get(0).<java.sql.Timestamp>getAs("time").toInstant())
                .isEqualTo(LocalDate.parse("2025-01-02").atStartOfDay(NEW_YORK).toInstant());

        // Bar files carry high and low: their bars get Bollinger Bands, MACD and ATR, named after the periods asked for.
        List<Row> indicators = spark.read().parquet(out.resolve("indicators").toString()).orderBy("time").collectAsList();
        assertThat(indicators).hasSize(60);
        assertThat(indicators.get(0).schema().fieldNames()).contains("bb_upper_10", "bb_percent_b_10", "macd_12_26",
                "macd_signal_9", "atr_5").doesNotContain("bb_upper_20", "atr_14");
        assertThat(indicators.stream().filter(r -> r.getAs("bb_upper_10") != null)).as("from the 10th bar").hasSize(51);
        assertThat(indicators.stream().filter(r -> r.getAs("macd_12_26") != null)).as("from the 26th bar").hasSize(35);
        assertThat(indicators.stream().filter(r -> r.getAs("macd_signal_9") != null)).as("from the 34th bar").hasSize(27);
        // Independently: ATR(5), the mean of the first five true ranges, then Wilder's smoothing.
        double atr = trueRanges.subList(0, 5).stream().mapToDouble(Double::doubleValue).sum() / 5;
        for (int i = 0; i < 60; i++) {
            Double stored = indicators.get(i).getAs("atr_5");
            if (i < 4) {
                assertThat(stored).as("ATR of bar %d", i + 1).isNull();
                continue;
            }
            if (i > 4) {
                atr = (atr * 4 + trueRanges.get(i)) / 5;
            }
            assertThat(stored).as("ATR of bar %d", i + 1).isCloseTo(atr, within(1e-12));
        }
    }

    @Test
    void theArchiveGivesWhatKafkaGaveForItsDays(@TempDir Path dir) {
        StackFixture fixture = StackFixture.fresh(TestStack.shared(), "analysis");
        MarketCsv csv = MarketCsv.write(dir, 9, List.of("AAPL", "NVDA"), START, 240, 2);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0", "--replay-file", csv.trades.toString(),
                "--replay-file", csv.quotes.toString()));
        Path archive = dir.resolve("archive");
        List<String> archiveArgs = new ArrayList<>(List.of("archive", "--from", "2026-03-02", "--to", "2026-03-02",
                "--archive-dir", archive.toString()));
        archiveArgs.addAll(List.of(fixture.produceArgs()));
        Object archiveConfig = BatchJob.parse(archiveArgs.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).config();
        assertThat(BatchJob.run(LocalSpark.session(), archiveConfig)).isZero();

        List<String> common = List.of(fixture.produceArgs());
        Path fromKafka = dir.resolve("kafka");
        Path fromArchive = dir.resolve("archived");
        List<String> kafkaArgs = new ArrayList<>(List.of("--source", "kafka", "--output-dir", fromKafka.toString()));
        kafkaArgs.addAll(common);
        List<String> archivedArgs = new ArrayList<>(List.of("--source", "archive", "--archive-dir", archive.toString(),
                "--from", "2026-03-02", "--to", "2026-03-02", "--output-dir", fromArchive.toString()));
        archivedArgs.addAll(common);
        assertThat(analyze(kafkaArgs.toArray(String[]::new)).exitCode()).isZero();
        assertThat(analyze(archivedArgs.toArray(String[]::new)).exitCode()).isZero();

        SparkSession spark = LocalSpark.session();
        for (String table : List.of("bars", "indicators", "anomalies", "summary", "correlation")) {
            Set<String> kafka = rows(spark, fromKafka.resolve(table));
            if (!table.equals("anomalies")) {
                assertThat(kafka).as(table).isNotEmpty();
            }
            assertThat(rows(spark, fromArchive.resolve(table))).as(table).isEqualTo(kafka);
        }
        assertThat(spark.read().parquet(fromKafka.resolve("bars").toString()).where(col("interval").equalTo("1m")).count())
                .isEqualTo(2 * 4);
    }

    @Test
    void nothingToAnalyseIsOneLineAndExit1WithNoOutput(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run noFiles = analyze("--source", "csv", "--trades", empty.toString(), "--output-dir", dir.resolve("out").toString(),
                "--report", dir.resolve("r.html").toString());
        assertThat(noFiles.exitCode()).isEqualTo(Analysis.FAILED);
        assertThat(noFiles.printed()).isEqualTo("nothing to analyse: no trade file matched [" + empty + "]; no output written"
                + System.lineSeparator());

        MarketCsv csv = MarketCsv.write(dir, 3, List.of("AAPL"), START, 10, 1);
        Run outOfRange = analyze("--source", "csv", "--trades", csv.trades.toString(), "--from", "2027-01-01",
                "--output-dir", dir.resolve("out").toString(), "--report", dir.resolve("r.html").toString());
        assertThat(outOfRange.exitCode()).isEqualTo(Analysis.FAILED);
        assertThat(outOfRange.printed()).startsWith("nothing to analyse: csv ").contains("no trades in [2027-01-01T00:00:00Z, the end)");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    /** A table's rows as text, each value in a fixed order, for set comparison. */
    private static Set<String> rows(SparkSession spark, Path table) {
        var frame = spark.read().parquet(table.toString());
        String[] columns = frame.columns();
        java.util.Arrays.sort(columns);
        Set<String> rows = new TreeSet<>();
        for (Row row : frame.selectExpr(columns).collectAsList()) {
            rows.add(row.toString());
        }
        return rows;
    }

    private static List<Trade> readTrades(Path csv) throws IOException {
        List<Trade> trades = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            trades.add(trade(f[1], OffsetDateTime.parse(f[0]).toInstant(), Double.parseDouble(f[2]), Double.parseDouble(f[3]), i));
        }
        return trades;
    }

    private static Trade trade(String symbol, Instant time, double price, double size, long sequence) {
        return Trade.newBuilder().setSymbol(symbol).setPrice(price).setSize(size).setEventTime(time.truncatedTo(ChronoUnit.MICROS))
                .setTradeId("").setExchange("").setSequence(sequence).build();
    }
}
