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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchJobOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private JobCommandLine.Launch<BatchConfig> parse(String... args) {
        return BatchJob.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void defaultsBackfillTheWholeTradesTopicOfTheLocalStackWithTheStreamsAnalytics() {
        BatchConfig config = parse().config();
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
        BatchConfig config = parse("--from", "2026-03-02T14:30:00Z", "--to", "2026-03-02T15:00:00.5Z", "--raw").config();
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
        BatchConfig config = parse("--config", file.toString(), "-X", "security.protocol=SSL", "--intervals", "1m").config();
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
        "--from yesterday                                         | Invalid value for option '--from'",
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
        JobCommandLine.Launch<BatchConfig> launch = parse(args.trim().split(" +"));
        assertThat(launch.config()).isNull();
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: spark-batch");
    }

    @Test
    void helpNamesTheRangeAndWhereSecretsComeFrom() {
        JobCommandLine.Launch<BatchConfig> launch = parse("--help");
        assertThat(launch.exitCode()).isZero();
        assertThat(out.toString()).contains("--from", "--to", "--bootstrap-servers", "--influx-token-file", "INFLUX_TOKEN");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void kafkaTimestampsAreWholeMillisecondsSoASubMillisecondBoundRoundsUp() {
        assertThat(KafkaHistory.ceilMillis(Instant.parse("2026-03-02T14:30:00.123Z"))).isEqualTo(1_772_461_800_123L);
        assertThat(KafkaHistory.ceilMillis(Instant.parse("2026-03-02T14:30:00.123001Z"))).isEqualTo(1_772_461_800_124L);
    }
}
