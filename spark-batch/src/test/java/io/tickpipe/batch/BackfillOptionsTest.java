package io.tickpipe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.influx.InfluxApi;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackfillOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private JobCommandLine.Launch<BackfillConfig> parse(String... args) {
        List<String> command = new ArrayList<>(List.of("backfill"));
        command.addAll(List.of(args));
        JobCommandLine.Launch<Object> launch = BatchJob.parse(command.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new JobCommandLine.Launch<>((BackfillConfig) launch.config(), launch.exitCode());
    }

    @Test
    void defaultsBackfillTheWholeTradesTopicOfTheLocalStackWithTheStreamsAnalytics() {
        BackfillConfig config = parse().config();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topics()).containsExactly("market.trades");
        assertThat(config.from()).isNull();
        assertThat(config.to()).isNull();
        assertThat(config.raw()).isFalse();
        assertThat(config.influx().api()).isEqualTo(InfluxApi.V1);
        assertThat(config.influx().database()).isEqualTo("market");
        assertThat(config.analytics().intervals()).extracting(i -> i.label()).containsExactly("1s", "1m");
        assertThat(config.analytics().smaPeriod()).isEqualTo(20);
    }

    @Test
    void aRangeOfKafkaTimestampsAndRawPoints() {
        BackfillConfig config = parse("--from", "2026-03-02T14:30:00Z", "--to", "2026-03-02T15:00:00.5Z", "--raw").config();
        assertThat(config.from()).isEqualTo(Instant.parse("2026-03-02T14:30:00Z"));
        assertThat(config.to()).isEqualTo(Instant.parse("2026-03-02T15:00:00.5Z"));
        assertThat(config.topics()).containsExactly("market.trades", "market.quotes");
    }

    @Test
    void theSharedOptionGroupsAndTheConfigFileWorkAsForTheStream(@TempDir Path dir) throws IOException {
        Path credentials = Files.writeString(dir.resolve("registry"), "user:s3cret");
        Path file = Files.writeString(dir.resolve("batch.properties"), String.join("\n",
                "topic-prefix=lab",
                "influx-db=history",
                "intervals=1s,5m",
                "from=2026-03-02T14:30:00Z",
                "registry-credentials-file=" + credentials));
        BackfillConfig config = parse("--config", file.toString(), "-X", "security.protocol=SSL", "--intervals", "1m").config();
        assertThat(config.topics()).containsExactly("lab.trades");
        assertThat(config.influx().database()).isEqualTo("history");
        assertThat(config.analytics().intervals()).extracting(i -> i.label()).containsExactly("1m");
        assertThat(config.from()).isEqualTo(Instant.parse("2026-03-02T14:30:00Z"));
        assertThat(config.kafka().sparkOptions()).containsEntry("kafka.security.protocol", "SSL");
        assertThat(config.registryConfig()).containsEntry("basic.auth.user.info.file", credentials.toString())
                .doesNotContainValue("user:s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--from yesterday                                         | 'yesterday' is not a date or an instant",
        "--from 2026-03-02T15:00:00Z --to 2026-03-02T14:00:00Z    | --from 2026-03-02T15:00:00Z must be before --to 2026-03-02T14:00:00Z",
        "--from 2026-03-02T15:00:00Z --to 2026-03-02T15:00:00Z    | must be before",
        "--intervals 7x                                           | 7x",
        "--rsi-period 0                                           | rsi",
        "--watermark 5s                                           | Unknown options: '--watermark'",
        "--checkpoint-dir /tmp/x                                  | Unknown options: '--checkpoint-dir'",
        "--influx-token abc                                       | Unknown options: '--influx-token'",
        "--config /no/such/file                                   | --config: cannot read /no/such/file",
    })
    void misuseSaysWhatIsWrongShowsTheUsageAndExits2(String args, String message) {
        JobCommandLine.Launch<BackfillConfig> launch = parse(args.trim().split(" +"));
        assertThat(launch.config()).isNull();
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: spark-batch backfill");
    }

    @Test
    void helpNamesTheRangeAndWhereSecretsComeFrom() {
        JobCommandLine.Launch<BackfillConfig> launch = parse("--help");
        assertThat(launch.exitCode()).isZero();
        assertThat(out.toString()).contains("--from", "--to", "--bootstrap-servers", "--influx-token-file", "INFLUX_TOKEN");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void datesAreWholeUtcDaysBothIncluded() {
        BackfillConfig config = parse("--from", "2026-03-02", "--to", "2026-03-03").config();
        assertThat(config.from()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(config.to()).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(parse("--from", "2026-03-02", "--to", "2026-03-02").config().to()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    }

    @Test
    void optionsWithoutACommandStillMeanBackfillAndSaySo() {
        JobCommandLine.Launch<Object> launch = BatchJob.parse(new String[] {"--from", "2026-03-02T14:30:00Z", "--raw"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(launch.config()).isInstanceOfSatisfying(BackfillConfig.class, config -> {
            assertThat(config.from()).isEqualTo(Instant.parse("2026-03-02T14:30:00Z"));
            assertThat(config.raw()).isTrue();
        });
        assertThat(err.toString()).contains("warning: spark-batch without a command is deprecated; use spark-batch backfill");
    }

    @Test
    void noCommandAtAllIsMisuse() {
        JobCommandLine.Launch<Object> launch = BatchJob.parse(new String[0], new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required").contains("backfill").contains("analyze");
    }

    @Test
    void kafkaTimestampsAreWholeMillisecondsSoASubMillisecondBoundRoundsUp() {
        assertThat(KafkaHistory.ceilMillis(Instant.parse("2026-03-02T14:30:00.123Z"))).isEqualTo(1_772_461_800_123L);
        assertThat(KafkaHistory.ceilMillis(Instant.parse("2026-03-02T14:30:00.123001Z"))).isEqualTo(1_772_461_800_124L);
    }
}
