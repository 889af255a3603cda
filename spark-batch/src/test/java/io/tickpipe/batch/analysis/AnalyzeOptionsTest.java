package io.tickpipe.batch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.analytics.SessionHours;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzeOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private JobCommandLine.Launch<Object> parse(String... args) {
        List<String> command = new ArrayList<>(List.of("analyze"));
        command.addAll(List.of(args));
        return BatchJob.parse(command.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private AnalyzeConfig config(String... args) {
        JobCommandLine.Launch<Object> launch = parse(args);
        assertThat(launch.config()).as(err.toString()).isInstanceOf(AnalyzeConfig.class);
        return (AnalyzeConfig) launch.config();
    }

    @Test
    void defaultsAnalyseMinuteAndDayBarsAndSummariseTheDays() {
        AnalyzeConfig config = config("--source", "kafka");
        assertThat(config.analytics().intervals()).extracting(BarInterval::label).containsExactly("1m", "1d");
        assertThat(config.summary().interval().label()).isEqualTo("1d");
        assertThat(config.summary().annualizationFactor()).isEqualTo(Math.sqrt(252));
        assertThat(config.analytics().sessionHours()).isEqualTo(SessionHours.ALL);
        assertThat(config.kafka().tradesTopic()).isEqualTo("market.trades");
        assertThat(config.outputDir()).isNull();
        assertThat(config.report()).isNull();
        assertThat(config.influx()).as("InfluxDB only with --influx").isNull();
        assertThat(config.failOnReject()).isFalse();
    }

    @Test
    void eachSourceWithItsInputsRangeAndOutputs() {
        AnalyzeConfig csv = config("--source", "csv", "--trades", "a.csv,b.csv.gz", "--trades", "dir/", "--from", "2026-03-02",
                "--to", "2026-03-03", "--output-dir", "/tmp/out", "--report", "/tmp/r.html", "--fail-on-reject");
        assertThat(csv.tradeFiles()).containsExactly("a.csv", "b.csv.gz", "dir/");
        assertThat(csv.from()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(csv.to()).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(csv.outputDir()).isEqualTo("/tmp/out");
        assertThat(csv.report()).isEqualTo("/tmp/r.html");
        assertThat(csv.failOnReject()).isTrue();

        AnalyzeConfig bars = config("--source", "bars", "--bars", "AAPL.csv", "--symbol", "AAPL", "--intervals", "1d");
        assertThat(bars.barFiles()).containsExactly("AAPL.csv");
        assertThat(bars.symbol()).isEqualTo("AAPL");
        assertThat(bars.analytics().intervals()).extracting(BarInterval::label).containsExactly("1d");

        AnalyzeConfig archive = config("--source", "archive", "--archive-dir", "s3a://bucket/archive", "--influx");
        assertThat(archive.archiveDir()).isEqualTo("s3a://bucket/archive");
        assertThat(archive.influx()).isNotNull();
    }

    @Test
    void aSummaryIntervalNotAnalysedIsAddedAndSessionHoursShortenTheTradingDay() {
        AnalyzeConfig config = config("--source", "kafka", "--intervals", "1m", "--summary-interval", "1h",
                "--session-hours", "09:30-16:00");
        assertThat(config.analytics().intervals()).extracting(BarInterval::label).containsExactly("1m", "1h");
        assertThat(config.summary().tradingDay()).isEqualTo(Duration.ofMinutes(390));
        assertThat(config.summary().periodsPerYear()).isEqualTo(252 * 6.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                               | Missing required option: '--source",
        "--source stdin                                 | Invalid value for option '--source'",
        "--source archive                               | --source archive needs --archive-dir",
        "--source kafka --archive-dir /a                | --archive-dir goes with --source archive",
        "--source csv                                   | --source csv needs --trades FILE|DIR",
        "--source kafka --trades t.csv                  | --trades goes with --source csv",
        "--source bars                                  | --source bars needs --bars FILE|DIR",
        "--source csv --trades t.csv --bars b.csv       | --bars goes with --source bars",
        "--source kafka --symbol AAPL                   | --symbol goes with --source bars",
        "--source kafka --intervals 1x                  | 1x",
        "--source kafka --summary-interval 90           | '90'",
        "--source kafka --session-hours 16:00-09:30     | session hours '16:00-09:30'",
        "--source kafka --from 2026-03-03 --to 2026-03-01 | must be before --to",
        "--source kafka --from tomorrow                 | 'tomorrow' is not a date or an instant",
    })
    void misuseSaysWhatIsWrongShowsTheUsageAndExits2(String args, String message) {
        JobCommandLine.Launch<Object> launch = parse(args == null ? new String[0] : args.trim().split(" +"));
        assertThat(launch.config()).isNull();
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: spark-batch analyze");
    }
}
