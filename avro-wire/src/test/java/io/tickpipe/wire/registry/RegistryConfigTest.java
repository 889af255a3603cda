package io.tickpipe.wire.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigTest {
    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsConfluentKeysAndDefaults() {
        RegistryConfig config = RegistryConfig.from(Map.of(
                RegistryConfig.URL, "http://127.0.0.1:8081/apis/ccompat/v7/, http://replica:8081",
                RegistryConfig.MAX_RETRIES, "2",
                RegistryConfig.READ_TIMEOUT_MS, 1500), name -> null);
        assertThat(config.baseUrls()).extracting(Object::toString)
                .containsExactly("http://127.0.0.1:8081/apis/ccompat/v7", "http://replica:8081");
        assertThat(config.maxRetries()).isEqualTo(2);
        assertThat(config.readTimeout().toMillis()).isEqualTo(1500);
        assertThat(config.connectTimeout().toMillis()).isEqualTo(5000);
        assertThat(config.hasCredentials()).isFalse();
    }

    @Test
    void takesCredentialsFromConfigThenFileThenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registry-credentials");
        Files.writeString(file, "fileuser:filepass\n");
        var env = Map.of(RegistryConfig.USER_INFO_ENV, "envuser:envpass");

        var inline = RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r:8081",
                RegistryConfig.USER_INFO, "alice:s3cret", RegistryConfig.USER_INFO_FILE, file.toString()), env::get);
        assertThat(inline.authorization()).contains(basic("alice:s3cret"));

        var fromFile = RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r:8081",
                RegistryConfig.USER_INFO_FILE, file.toString()), env::get);
        assertThat(fromFile.authorization()).contains(basic("fileuser:filepass"));

        var fromEnv = RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r:8081"), env::get);
        assertThat(fromEnv.authorization()).contains(basic("envuser:envpass"));
    }

    @Test
    void takesCredentialsFromTheUrlWhenToldToAndStripsThemFromIt() {
        var config = RegistryConfig.from(Map.of(RegistryConfig.URL, "https://bob:p%40ss@registry.example:8443/ccompat",
                RegistryConfig.CREDENTIALS_SOURCE, "URL"), name -> null);
        assertThat(config.authorization()).contains(basic("bob:p@ss"));
        assertThat(config.baseUrls()).extracting(Object::toString).containsExactly("https://registry.example:8443/ccompat");
    }

    @Test
    void neverPrintsCredentials() {
        var config = RegistryConfig.from(Map.of(RegistryConfig.URL, "https://bob:hunter2@registry.example",
                RegistryConfig.CREDENTIALS_SOURCE, "URL"), name -> null);
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("bob").contains("<redacted>");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(RegistryConfig.URL, "ftp://bob:hunter2@registry.example"),
                name -> null))
                .hasMessageContaining("http(s)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsBadSettingsWithTheKeyNamed() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(), name -> null))
                .hasMessageContaining(RegistryConfig.URL);
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r", RegistryConfig.MAX_RETRIES, "lots"),
                name -> null))
                .hasMessageContaining(RegistryConfig.MAX_RETRIES).hasMessageContaining("lots");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r",
                RegistryConfig.CREDENTIALS_SOURCE, "SASL_INHERIT"), name -> null))
                .hasMessageContaining("SASL_INHERIT");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(RegistryConfig.URL, "http://r",
                RegistryConfig.USER_INFO, "no-colon-here"), name -> null))
                .hasMessageContaining("user:password").hasMessageNotContaining("no-colon-here");
    }
}
