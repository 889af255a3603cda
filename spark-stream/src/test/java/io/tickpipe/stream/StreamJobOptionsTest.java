package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.influx.InfluxApi;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamJobOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private JobCommandLine.Launch<StreamConfig> parse(String... args) {
        return StreamJob.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void defaultsRunAgainstTheLocalStack() {
        StreamConfig config = parse().config();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.tradesTopic()).isEqualTo("market.trades");
        assertThat(config.quotesTopic()).isEqualTo("market.quotes");
        assertThat(config.trigger()).isEqualTo("250 milliseconds");
        assertThat(config.triggerMillis()).isEqualTo(250);
        assertThat(config.ingestTrigger()).isEqualTo("1 second");
        assertThat(config.ingestTriggerMillis()).isEqualTo(1000);
        assertThat(config.startingOffsets()).isEqualTo("earliest");
        assertThat(config.raw()).isTrue();
        assertThat(config.influx().api()).isEqualTo(InfluxApi.V1);
        assertThat(config.influx().database()).isEqualTo("market");
        assertThat(config.analytics().intervals()).extracting(i -> i.label()).containsExactly("1s", "1m");
        assertThat(config.analytics().watermark()).isEqualTo("5 seconds");
        assertThat(config.analytics().smaPeriod()).isEqualTo(20);
        assertThat(config.analytics().rsiPeriod()).isEqualTo(14);
        assertThat(config.analytics().sessionOpen()).isEqualTo(LocalTime.of(9, 30));
        assertThat(config.checkpoint(StreamTopology.ANALYTICS)).isEqualTo("checkpoints/spark-stream/analytics");
    }

    @Test
    void aPropertiesFileSetsDefaultsAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("stream.properties"), String.join("\n",
                "bootstrap-servers=kafka-1:9092,kafka-2:9092",
                "influx-url=http://influx:8086",
                "intervals=1s,5m",
                "raw=false",
                "rsi-period=9"));
        StreamConfig config = parse("--config", file.toString(), "--rsi-period", "21").config();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.influx().url()).isEqualTo("http://influx:8086");
        assertThat(config.analytics().intervals()).extracting(i -> i.label()).containsExactly("1s", "5m");
        assertThat(config.raw()).isFalse();
        assertThat(config.analytics().rsiPeriod()).isEqualTo(21);
    }

    @Test
    void kafkaOptionsReachSparksKafkaSourceAndSink(@TempDir Path dir) throws IOException {
        Path client = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.rack=file\n");
        StreamConfig config = parse("--client-config", client.toString(), "-X", "client.rack=a",
                "--kafka-option", "linger.ms=5").config();
        assertThat(config.kafka().sparkOptions()).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("kafka.security.protocol", "SASL_SSL").containsEntry("kafka.sasl.mechanism", "PLAIN")
                .containsEntry("kafka.client.rack", "a").containsEntry("kafka.linger.ms", "5");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theOldDashKStillWorksAndSaysItIsDeprecated() {
        StreamConfig config = parse("-K", "security.protocol=SSL", "-X", "client.rack=a").config();
        assertThat(config.kafka().sparkOptions()).containsEntry("kafka.security.protocol", "SSL")
                .containsEntry("kafka.client.rack", "a");
        assertThat(err.toString()).isEqualTo("warning: -K is deprecated; use -X (same meaning)" + System.lineSeparator());
    }

    @Test
    void registryCredentialsComeFromAFileNeverFromTheCommandLine(@TempDir Path dir) throws IOException {
        Path credentials = Files.writeString(dir.resolve("registry"), "user:s3cret");
        StreamConfig config = parse("--registry-credentials-file", credentials.toString()).config();
        assertThat(config.registryConfig()).containsEntry("basic.auth.user.info.file", credentials.toString())
                .doesNotContainValue("user:s3cret");
        assertThat(parse("--influx-token", "abc").exitCode()).isEqualTo(2);
        assertThat(parse("--influx-password", "abc").exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--no-such-option                 | Unknown option: '--no-such-option'",
        "--intervals 7x                   | 7x",
        "--starting-offsets middle        | --starting-offsets must be earliest or latest, not 'middle'",
        "--trigger often                  | --trigger must be an interval such as '1 second' or '500 milliseconds', not 'often'",
        "--ingest-trigger seldom          | --ingest-trigger must be an interval such as '1 second' or '500 milliseconds', not 'seldom'",
        "--session-open 25:00             | 25:00",
        "--session-zone Mars/Olympus      | Mars/Olympus",
        "--sma-period 0                   | sma",
        "--sma-period many                | Invalid value for option '--sma-period'",
        "--config /no/such/file           | --config: cannot read /no/such/file",
        "--client-config /no/such/file    | --client-config: cannot read /no/such/file",
    })
    void misuseSaysWhatIsWrongShowsTheUsageAndExits2(String args, String message) {
        JobCommandLine.Launch<StreamConfig> launch = parse(args.trim().split(" +"));
        assertThat(launch.config()).isNull();
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: spark-stream");
    }

    @Test
    void helpIsPrintedToStandardOutputWithExit0() {
        JobCommandLine.Launch<StreamConfig> launch = parse("--help");
        assertThat(launch.config()).isNull();
        assertThat(launch.exitCode()).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--influx-token-file", "INFLUX_TOKEN");
        assertThat(err.toString()).isEmpty();
    }
}
