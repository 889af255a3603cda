package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxApi;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.producer.watch.WatchTable;
import io.tickpipe.stack.AuthenticatedInfluxDb;
import io.tickpipe.stack.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickpipe watch} against the stack's InfluxDB with authentication enabled: it reads with a
 * user and the password from a file or INFLUX_PASSWORD; a wrong password ends it at once, saying so.
 */
class WatchAuthIT {
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static AuthenticatedInfluxDb influx;
    private static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void aBar() throws Exception {
        influx = TestStack.authenticatedInflux();
        database = "watch_" + UUID.randomUUID().toString().replace("-", "");
        InfluxConfig admin = InfluxConfig.builder(influx.url()).api(InfluxApi.V1).database(database)
                .username(influx.adminUser()).password(Files.readString(influx.adminPasswordFile()).strip()).build();
        InfluxQl.of(admin).execute("CREATE DATABASE " + InfluxQl.identifier(database));
        try (InfluxPointWriter writer = InfluxPointWriters.create(admin)) {
            writer.write(List.of(Point.measurement("bars").addTag("symbol", "AAPL").addTag("interval", "1m")
                    .addField("open", 187.10).addField("high", 187.35).addField("low", 187.05).addField("close", 187.35)
                    .addField("volume", 300.0).addField("trade_count", 3L).addField("vwap", 187.2).addField("final", false)
                    .time(MINUTE.toEpochMilli(), WritePrecision.MS)));
        }
    }

    private static String[] watch(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("watch", "--symbols", "AAPL", "--influx-url", influx.url(),
                "--influx-db", database, "--influx-user", influx.adminUser(), "--refresh", "100ms", "--duration", "1m",
                "--exit-when-complete"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> aaplRows(String out) {
        return out.lines().filter(line -> line.startsWith("AAPL")).toList();
    }

    @Test
    void readsWithThePasswordOfAFile() {
        CliRun run = CliRun.of(watch("--influx-password-file", influx.adminPasswordFile().toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aaplRows(run.out())).hasSize(1).allSatisfy(row -> assertThat(row.split(" {2,}")).contains("187.35", "187.20"));
    }

    @Test
    void readsWithThePasswordOfTheEnvironment() throws Exception {
        CliProcess run = CliProcess.run(dir, Map.of(InfluxConfig.ENV_PASSWORD, Files.readString(influx.adminPasswordFile()).strip()),
                watch());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aaplRows(run.out())).hasSize(1).allSatisfy(row -> assertThat(row.split(" {2,}")).contains("187.35"));
    }

    @Test
    void aWrongPasswordEndsItAtOnceSayingWhatToCheck() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        Path wrongFile = Files.writeString(dir.resolve("wrong.password"), wrong + "\n");

        CliRun run = CliRun.of(watch("--influx-password-file", wrongFile.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("tickpipe watch: " + influx.url() + " (database " + database
                + "): HTTP 401: authorization failed (InfluxDB refused the credentials: check the user");
        // Not one frame: the refusal was not shown as a status and asked again each refresh.
        assertThat(run.out().lines().filter(line -> line.startsWith(WatchTable.HEADER_PREFIX))).isEmpty();
        assertThat(run.out() + run.err()).doesNotContain(wrong);
    }
}
