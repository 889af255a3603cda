package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxConfigTest {
    private static final String TOKEN = "tok-3f9a1c77e0d2";
    private static final String PASSWORD = "pw-8c1d55aa";
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void defaultsToV1OnTheMarketDatabase() {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("influx.url", "http://127.0.0.1:8086/"), NO_ENV);

        assertThat(config.url()).isEqualTo("http://127.0.0.1:8086");
        assertThat(config.api()).isEqualTo(InfluxApi.V1);
        assertThat(config.database()).isEqualTo("market");
        assertThat(config.retentionPolicy()).isEmpty();
        assertThat(config.username()).isEmpty();
        assertThat(config.hasPassword()).isFalse();
        assertThat(config.batchSize()).isEqualTo(5000);
        assertThat(config.maxRetries()).isEqualTo(8);
        assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.authorization()).isEmpty();
    }

    @Test
    void readsEveryV1Key(@TempDir Path dir) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        InfluxConfig config = InfluxConfig.fromMap(Map.of(
                "influx.url", "https://influx.example:8086", "influx.api", "V1", "influx.db", "ticks",
                "influx.retention.policy", "week", "influx.user", "writer", "influx.password.file", passwordFile.toString(),
                "influx.batch.size", "1000", "influx.max.retries", "3", "influx.retry.initial.ms", "50",
                "influx.retry.max.ms", "500"), NO_ENV);

        assertThat(config.database()).isEqualTo("ticks");
        assertThat(config.retentionPolicy()).contains("week");
        assertThat(config.username()).contains("writer");
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.authorization()).contains("Basic "
                + Base64.getEncoder().encodeToString(("writer:" + PASSWORD).getBytes()));
    }

    @Test
    void v2IsTheDefaultWhenATokenIsThereAndTakesItFromTheEnvironment() {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("influx.url", "http://h:8086", "influx.org", "acme",
                "influx.bucket", "market"), Map.of("INFLUX_TOKEN", TOKEN));

        assertThat(config.api()).isEqualTo(InfluxApi.V2);
        assertThat(config.org()).contains("acme");
        assertThat(config.bucket()).contains("market");
        assertThat(config.authorization()).contains("Token " + TOKEN);
    }

    @Test
    void theTokenFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        InfluxConfig config = InfluxConfig.fromMap(Map.of("influx.url", "http://h:8086", "influx.org", "acme",
                "influx.bucket", "market", "influx.token.file", tokenFile.toString()), Map.of("INFLUX_TOKEN", "other"));

        assertThat(config.v2Token()).isEqualTo(TOKEN);
    }

    @Test
    void urlUserAndPasswordComeFromTheEnvironment() {
        InfluxConfig config = InfluxConfig.fromMap(Map.of(),
                Map.of("INFLUX_URL", "http://h:8086", "INFLUX_USER", "writer", "INFLUX_PASSWORD", PASSWORD));

        assertThat(config.url()).isEqualTo("http://h:8086");
        assertThat(config.api()).isEqualTo(InfluxApi.V1);
        assertThat(config.username()).contains("writer");
        assertThat(config.hasPassword()).isTrue();
    }

    @Test
    void influxDb18UsesUserAndPasswordAsTheV2Token() {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("influx.url", "http://h:8086", "influx.api", "v2",
                "influx.org", "-", "influx.bucket", "market/autogen", "influx.user", "writer"),
                Map.of("INFLUX_PASSWORD", PASSWORD));

        assertThat(config.v2Token()).isEqualTo("writer:" + PASSWORD);
        assertThat(config.authorization()).contains("Token writer:" + PASSWORD);
    }

    @Test
    void rawSecretsInOptionsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("influx.url", "http://h:8086", "influx.token", TOKEN), NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("influx.token is not accepted")
                .hasMessageContaining("influx.token.file")
                .hasMessageContaining("INFLUX_TOKEN")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("influx.url", "http://h:8086", "influx.password", PASSWORD), NO_ENV))
                .hasMessageContaining("influx.password is not accepted")
                .hasMessageContaining("INFLUX_PASSWORD")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void credentialsInTheUrlAreRefusedAndRedacted() {
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("influx.url", "http://writer:" + PASSWORD + "@h:8086"), NO_ENV))
                .hasMessageContaining("must not contain credentials")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void toStringRedactsSecrets() {
        InfluxConfig v2 = InfluxConfig.builder("http://h:8086").org("acme").bucket("market").token(TOKEN).build();
        InfluxConfig v1 = InfluxConfig.builder("http://h:8086").username("writer").password(PASSWORD).build();

        assertThat(v2.toString()).contains("token=<redacted>", "org=acme", "bucket=market").doesNotContain(TOKEN);
        assertThat(v1.toString()).contains("password=<redacted>", "user=writer").doesNotContain(PASSWORD);
    }

    @Test
    void validationNamesWhatIsMissingOrWrong() {
        Map<String, String> url = Map.of("influx.url", "http://h:8086");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of(), NO_ENV)).hasMessageContaining("influx.url is required");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("influx.url", "h:8086"), NO_ENV))
                .hasMessageContaining("influx.url must be an http(s) URL");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.api", "v3"), NO_ENV))
                .hasMessageContaining("influx.api must be v1 or v2, got 'v3'");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.bucket", "b"), Map.of("INFLUX_TOKEN", TOKEN)))
                .hasMessageContaining("influx.api=v2 needs influx.org");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.org", "o"), Map.of("INFLUX_TOKEN", TOKEN)))
                .hasMessageContaining("influx.api=v2 needs influx.bucket");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(with(url, "influx.org", "o"), "influx.bucket", "b"), NO_ENV))
                .hasMessageContaining("influx.api=v2 needs a token: INFLUX_TOKEN or influx.token.file");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.user", "writer"), NO_ENV))
                .hasMessageContaining("influx.user needs a password");
        assertThatThrownBy(() -> InfluxConfig.fromMap(url, Map.of("INFLUX_PASSWORD", PASSWORD)))
                .hasMessageContaining("needs a user")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.batch.size", "0"), NO_ENV))
                .hasMessageContaining("influx.batch.size must be at least 1");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.max.retries", "many"), NO_ENV))
                .hasMessageContaining("influx.max.retries must be a whole number, got 'many'");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.retry.max.ms", "100"), NO_ENV))
                .hasMessageContaining("influx.retry.max.ms must be at least influx.retry.initial.ms");
        assertThatThrownBy(() -> InfluxConfig.fromMap(with(url, "influx.password.file", "/nonexistent/pw"), NO_ENV))
                .hasMessageContaining("cannot read influx.password.file '/nonexistent/pw'");
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        InfluxConfig config = InfluxConfig.builder("http://h:8086").org("acme").bucket("market").token(TOKEN)
                .batchSize(10).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            InfluxConfig copy = (InfluxConfig) in.readObject();
            assertThat(copy.toString()).isEqualTo(config.toString());
            assertThat(copy.v2Token()).isEqualTo(TOKEN);
        }
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
