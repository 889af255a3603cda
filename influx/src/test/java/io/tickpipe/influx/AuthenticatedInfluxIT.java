package io.tickpipe.influx;

import static io.tickpipe.influx.testing.ScriptedHttpServer.forwardTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.stack.AuthenticatedInfluxDb;
import io.tickpipe.stack.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The writers and the InfluxQL reader against an InfluxDB 1.6 with authentication enabled: a user and
 * password from a file or the environment get in; a wrong password, none, or a user without the
 * privilege fails the first request with a message saying what to check, and is never retried.
 */
class AuthenticatedInfluxIT {
    private static AuthenticatedInfluxDb influx;
    private static String adminPassword;
    private static String database;

    @BeforeAll
    static void server() throws IOException {
        influx = TestStack.authenticatedInflux();
        adminPassword = Files.readString(influx.adminPasswordFile()).strip();
        database = "auth_" + UUID.randomUUID().toString().replace("-", "");
        InfluxQl.of(config(influx.adminUser(), adminPassword).database(influx.database()).build())
                .execute("CREATE DATABASE " + InfluxQl.identifier(database));
    }

    /** Quick retries, as in the other writer tests: a retried 401 would show as more than one request. */
    private static InfluxConfig.Builder config(String user, String password) {
        return InfluxConfig.builder(influx.url()).api(InfluxApi.V1).database(database).username(user).password(password)
                .maxRetries(3).retryDelays(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(20));
    }

    private Map<String, String> options(String user) {
        Map<String, String> options = new HashMap<>();
        options.put(InfluxConfig.URL, influx.url());
        options.put(InfluxConfig.DATABASE, database);
        options.put(InfluxConfig.USER, user);
        options.put(InfluxConfig.MAX_RETRIES, "3");
        options.put(InfluxConfig.RETRY_INITIAL_MS, "1");
        options.put(InfluxConfig.RETRY_MAX_MS, "20");
        return options;
    }

    @Test
    void aPasswordFromAFileOrTheEnvironmentWritesAndReads() throws IOException {
        Map<String, String> fromFile = options(influx.adminUser());
        fromFile.put(InfluxConfig.PASSWORD_FILE, influx.adminPasswordFile().toString());
        InfluxConfig fileConfig = InfluxConfig.fromMap(fromFile, Map.of());
        InfluxConfig envConfig = InfluxConfig.fromMap(options(influx.adminUser()), Map.of(InfluxConfig.ENV_PASSWORD, adminPassword));

        try (InfluxPointWriter writer = InfluxPointWriters.create(fileConfig)) {
            writer.write(TestPoints.series("from_file", 3));
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(envConfig)) {
            writer.write(TestPoints.series("from_env", 4));
        }

        assertThat(InfluxQl.of(envConfig).count("from_file")).isEqualTo(3);
        assertThat(InfluxQl.of(fileConfig).count("from_env")).isEqualTo(4);
    }

    @Test
    void aWrongPasswordFailsTheFirstRequestSayingWhatToCheckAndNothingIsWritten() {
        String wrong = "wrong-" + UUID.randomUUID();
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(forwardTo(influx.url()));
             InfluxPointWriter writer = InfluxPointWriters.create(config(influx.adminUser(), wrong).url(proxy.url()).build())) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("refused", 5)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.credentialsRefused()).isTrue();
                        assertThat(e.status()).hasValue(401);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining("failed (attempt 1, not retried): HTTP 401: authorization failed")
                    .hasMessageContaining("InfluxDB refused the credentials: check the user")
                    .hasMessageContaining("INFLUX_PASSWORD or --influx-password-file")
                    .hasMessageNotContaining(wrong);
            assertThat(proxy.requests()).as("not retried").hasSize(1);
        }
        assertThat(InfluxQl.of(config(influx.adminUser(), adminPassword).build()).count("refused")).isZero();
    }

    @Test
    void noCredentialsAtAllAreRefusedTheSameWay() {
        InfluxConfig anonymous = InfluxConfig.builder(influx.url()).api(InfluxApi.V1).database(database).maxRetries(3).build();
        try (InfluxPointWriter writer = InfluxPointWriters.create(anonymous)) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("anonymous", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> assertThat(e.credentialsRefused()).isTrue())
                    .hasMessageContaining("HTTP 401: unable to parse authentication credentials")
                    .hasMessageContaining("InfluxDB refused the credentials");
        }
    }

    @Test
    void queriesWithAWrongPasswordAreRefusedToo() {
        String wrong = "wrong-" + UUID.randomUUID();
        assertThatThrownBy(() -> InfluxQl.of(config(influx.adminUser(), wrong).build()).count("from_file"))
                .isInstanceOfSatisfying(InfluxQueryException.class, e -> {
                    assertThat(e.credentialsRefused()).isTrue();
                    assertThat(e.reason()).startsWith("HTTP 401: authorization failed (InfluxDB refused the credentials");
                })
                .hasMessageNotContaining(wrong);
    }

    @Test
    void aUserWithoutTheWritePrivilegeIsToldSo() {
        String user = "reader_" + UUID.randomUUID().toString().replace("-", "");
        String password = UUID.randomUUID().toString();
        InfluxQl admin = InfluxQl.of(config(influx.adminUser(), adminPassword).build());
        admin.execute("CREATE USER " + InfluxQl.identifier(user) + " WITH PASSWORD '" + password + "'");
        admin.execute("GRANT READ ON " + InfluxQl.identifier(database) + " TO " + InfluxQl.identifier(user));

        try (InfluxPointWriter writer = InfluxPointWriters.create(config(user, password).build())) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("not_allowed", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.credentialsRefused()).isTrue();
                        assertThat(e.status()).hasValue(403);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining("not authorized to write")
                    .hasMessageContaining("grant it WRITE on the database");
        }
        assertThat(InfluxQl.of(config(user, password).build()).count("not_allowed")).as("it may read").isZero();
    }
}
