package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Misuse gets one clear line and the usage, exit code 2, before anything is contacted. */
class CliUsageTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "produce --symbols AAPL --bogus | Unknown option: '--bogus'",
            "produce --symbols AAPL --rate -1 | --rate must be 0 or more events per second, got -1.0",
            "produce --symbols AAPL --rate fast | Invalid value for option '--rate': 'fast' is not a double",
            "produce --symbols AAPL --source replay-of-doom | Invalid value for option '--source': expected one of [sim, replay, finnhub]",
            "produce --rate 10 | --symbols or --symbols-file is required for --source sim",
            "produce --symbols AAPL --count 0 | --count must be at least 1, got 0",
            "produce --symbols AAPL --count 5 --duration 1m | mutually exclusive",
            "produce --symbols AAPL --duration soon | 'soon' is not a duration",
            "produce --symbols AAPL,MS$FT | 'MS$FT' is not a symbol",
            "produce --symbols AAPL --start-time yesterday | 'yesterday' is not an instant",
            "topics create --partitions 0 | --partitions and --replication-factor must be at least 1",
            "schemas compatibility --set SIDEWAYS | unknown compatibility level 'SIDEWAYS'",
            "schemas | a command is required",
            "produce --source replay | --source replay needs at least one --replay-file",
            "produce --source finnhub --symbols AAPL --finnhub-url http://x | 'http://x' is not a ws:// or wss:// URL",
            "produce --symbols AAPL --replay-file t.csv | --replay-file goes with --source replay",
            "produce --source replay --replay-file t.csv --labels l.csv | --labels goes with --source sim: only the simulation injects jumps",
            "produce --source replay --replay-file t.csv --speed -2 | --speed must be 0 or more, got -2.0",
            "launch | Unmatched argument at index 0: 'launch'",
            "watch --refresh 0s | --refresh must be positive",
            "watch --duration never | 'never' is not a duration",
            "watch --bar-interval 90sec | --bar-interval must be a bar interval such as 1s, 1m, 5m, 1h, 1d, got '90sec'",
            "watch --rsi-period 0 | --rsi-period must be at least 1, got 0",
            "watch --bb-period 0 | --bb-period must be at least 1, got 0",
            "watch --atr-period -1 | --atr-period must be at least 1, got -1",
            "watch --macd-fast 26 --macd-slow 12 | --macd-slow must be greater than --macd-fast (26), got 12",
            "watch --columns rsi,obv | --columns: 'obv' is not a column; the columns are vwap, rsi, bb, macd, atr",
            "watch --columns bb,macd,bb | --columns: 'bb' is named twice",
            "watch --exit-when-complete | --exit-when-complete needs --symbols",
            "watch --symbols AAPL,MS$FT | 'MS$FT' is not a symbol",
            "watch --influx-url ftp://influx | influx.url must be an http(s) URL with a host",
            "watch --influx-password secret | Unknown options: '--influx-password', 'secret'",
            "watch --influx-user reader | influx.user needs a password: INFLUX_PASSWORD or influx.password.file",
            "watch --anomaly-lookback 0s | --anomaly-lookback must be positive",
            "topics create --config retention.ms=1 | --config: cannot read retention.ms=1 (it names a properties file of option defaults",
            "produce --symbols AAPL --config /no/such.properties | --config: cannot read /no/such.properties",
            "produce --symbols AAPL --client-config /no/such.properties | --client-config: cannot read /no/such.properties"})
    void misuseExitsWithUsage(String args, String expected) {
        CliRun run = CliRun.of(args.split(" "));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(expected).contains("Usage: tickpipe");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aConfigFileGivesDefaultsToEveryCommandAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        int closedPort = closedPort();
        Path config = Files.writeString(dir.resolve("tickpipe.properties"), String.join("\n",
                "bootstrap-servers=127.0.0.1:" + closedPort,
                "connect-timeout=1s",
                "anomaly-lookback=0s"));
        CliRun produce = CliRun.of("produce", "--config", config.toString(), "--symbols", "AAPL", "--count", "1", "--quiet");
        assertThat(produce.exitCode()).isEqualTo(1);
        assertThat(produce.err()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort + " within 1 s");

        CliRun overridden = CliRun.of("produce", "--config", config.toString(), "--connect-timeout", "2s",
                "--symbols", "AAPL", "--count", "1", "--quiet");
        assertThat(overridden.err()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort + " within 2 s");

        CliRun watch = CliRun.of("watch", "--config", config.toString());
        assertThat(watch.exitCode()).isEqualTo(2);
        assertThat(watch.err()).contains("--anomaly-lookback must be positive");
    }

    @Test
    void deprecatedAliasesStillWorkAndSaySo(@TempDir Path dir) throws IOException {
        int closedPort = closedPort();
        Path client = Files.writeString(dir.resolve("client.properties"), "linger.ms=7\n");
        CliRun produce = CliRun.of("produce", "--producer-config", client.toString(), "-K", "linger.ms=5",
                "--symbols", "AAPL", "--count", "1", "--quiet", "--bootstrap-servers", "127.0.0.1:" + closedPort,
                "--connect-timeout", "1s");
        assertThat(produce.exitCode()).isEqualTo(1);
        assertThat(produce.err())
                .contains("warning: --producer-config is deprecated; use --client-config (same meaning)")
                .contains("warning: -K is deprecated; use -X (same meaning)")
                .contains("cannot reach Kafka at 127.0.0.1:" + closedPort);

        CliRun watch = CliRun.of("watch", "--anomaly-window", "0s");
        assertThat(watch.exitCode()).isEqualTo(2);
        assertThat(watch.err()).contains("warning: --anomaly-window is deprecated; use --anomaly-lookback (same meaning)")
                .contains("--anomaly-lookback must be positive");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noCommandAtAllIsMisuse() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a command is required").contains("Commands:").contains("produce");
    }

    @Test
    void anEmptySymbolsFileIsMisuseNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("symbols.txt"), "# nothing yet\n\n");
        CliRun run = CliRun.of("produce", "--symbols-file", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no symbols given in " + file);
    }

    @Test
    void finnhubWithoutATokenIsMisuse(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        CliRun run = CliRun.of("produce", "--source", "finnhub", "--symbols", "AAPL", "--finnhub-token-file", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--source finnhub needs an API token: set FINNHUB_TOKEN or pass --finnhub-token-file");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(CliRun.of("--version").out()).startsWith("tickpipe ");
        CliRun help = CliRun.of("produce", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--symbols").contains("--rate").contains("--seed");
        CliRun completion = CliRun.of("generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete").contains("tickpipe");
    }

    @Test
    void anUnreachableBrokerIsReportedWithExitCode1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("produce", "--symbols", "AAPL", "--count", "1", "--quiet",
                "--bootstrap-servers", "127.0.0.1:" + closedPort, "--connect-timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("tickpipe produce: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 2 s");
    }
}
