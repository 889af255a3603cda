package io.tickpipe.batch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search SecretsLeakIT relies on finds a secret in each form it may take, in text and in any file but the excluded ones. */
class PlantedSecretsTest {

    private final PlantedSecrets secrets = new PlantedSecrets(Map.of(PlantedSecrets.Kind.INFLUX_PASSWORD, "writer"));

    @Test
    void eachValueIsFoundAsItIsUrlEncodedAndInsideABasicAuthorizationHeader() {
        // URL-encoding changes no character of a planted value: found as it is.
        String password = secrets.get(PlantedSecrets.Kind.INFLUX_PASSWORD);
        String header = Base64.getEncoder().encodeToString(("writer:" + password).getBytes(StandardCharsets.UTF_8));

        assertThat(secrets.findIn("log", "connected with " + password + "!")).containsExactly("log: INFLUX_PASSWORD");
        assertThat(secrets.findIn("log", "Authorization: Basic " + header))
                .containsExactly("log: INFLUX_PASSWORD (basic Authorization header)");
        assertThat(secrets.findIn("log", "token=" + URLEncoder.encode(secrets.get(PlantedSecrets.Kind.FINNHUB_TOKEN),
                StandardCharsets.UTF_8))).containsExactly("log: FINNHUB_TOKEN");
        assertThat(secrets.findIn("log", "nothing planted here")).isEmpty();
    }

    @Test
    void everyFileIsSearchedBinaryOnesToo(@TempDir Path dir) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("influx.password"), secrets.get(PlantedSecrets.Kind.INFLUX_PASSWORD));
        Path nested = Files.createDirectories(dir.resolve("events"));
        byte[] binary = ("\u0000\u00ff" + secrets.get(PlantedSecrets.Kind.INFLUX_TOKEN) + "\u0001").getBytes(StandardCharsets.ISO_8859_1);
        Path segment = Files.write(nested.resolve("00000000.log"), binary);
        Files.writeString(dir.resolve("clean.log"), "no secret");

        assertThat(secrets.findInFiles(dir, Set.of(secretFile.toAbsolutePath().normalize())))
                .containsExactly(segment + ": INFLUX_TOKEN");
    }

    @Test
    void everyKindHasItsOwnValue() {
        assertThat(java.util.Arrays.stream(PlantedSecrets.Kind.values()).map(secrets::get).distinct())
                .hasSize(PlantedSecrets.Kind.values().length)
                .allSatisfy(value -> assertThat(value).startsWith("planted").hasSizeGreaterThan(20));
    }
}
