package io.tickpipe.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No default secrets: compose refuses to start without them, and they only come from compose/.env. */
class ComposeSecretsTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|CREDENTIAL).*");

    @Test
    void everyVariableTheFileUsesIsDocumentedInTheEnvExample() throws IOException {
        EnvExample example = EnvExample.read();
        Map<String, String> withDefault = new TreeMap<>();
        Set<String> required = new TreeSet<>();
        String withoutComments = Files.readAllLines(Repo.COMPOSE_FILE).stream()
                .filter(line -> !line.trim().startsWith("#")).collect(Collectors.joining("\n"));
        Matcher m = REFERENCE.matcher(withoutComments);
        while (m.find()) {
            if (m.group(2) != null && m.group(2).endsWith("-")) {
                String previous = withDefault.put(m.group(1), m.group(3));
                assertThat(previous == null || previous.equals(m.group(3)))
                        .as("${%s} has two defaults: %s and %s", m.group(1), previous, m.group(3)).isTrue();
            } else {
                required.add(m.group(1));
            }
        }
        assertThat(required).as("required variables").isNotEmpty();
        assertThat(example.secrets().keySet()).as("what .env.example asks to fill in").isEqualTo(required);
        withDefault.forEach((name, value) ->
                assertThat(example.optional()).as(".env.example documents ${%s:-%s}", name, value).containsEntry(name, value));
    }

    @Test
    void secretsAreSetOnlyFromTheEnvFileAndNeverOnACommandLine() {
        ResolvedCompose compose = ResolvedCompose.shared();
        Set<String> secretValues = new TreeSet<>();
        EnvExample.read().secrets().keySet().forEach(name -> secretValues.add(compose.env().get(name)));
        List<String> secretSettings = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            compose.environment(service).forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()) {
                    secretSettings.add(service + "." + name);
                    assertThat(value).as("%s.%s is a literal, not from compose/.env", service, name)
                            .satisfiesAnyOf(v -> assertThat(v).isEmpty(), v -> assertThat(secretValues).contains(v));
                }
            });
            String commandLine = String.join(" ", compose.argv(service));
            String healthCheck = compose.service(service).path("healthcheck").toString();
            secretValues.forEach(secret -> {
                assertThat(commandLine).as(service + "'s command line").doesNotContain(secret);
                assertThat(healthCheck).as(service + "'s health check").doesNotContain(secret);
            });
        }
        assertThat(secretSettings).contains("influxdb.DOCKER_INFLUXDB_INIT_PASSWORD", "influxdb.DOCKER_INFLUXDB_INIT_ADMIN_TOKEN",
                "grafana.GF_SECURITY_ADMIN_PASSWORD", "grafana.INFLUX_TOKEN", "spark-stream.INFLUX_TOKEN");
    }

    @Test
    void theEnvExampleAsCopiedIsRefused(@TempDir Path dir) throws IOException {
        Path env = dir.resolve(".env");
        Files.copy(Repo.ENV_EXAMPLE, env);
        DockerCompose.Result result = DockerCompose.config(env);
        assertThat(result.exitCode()).as(result.stdout()).isNotZero();
        assertThat(result.stderr()).contains("compose/.env");
    }

    static Stream<String> secrets() {
        return EnvExample.read().secrets().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void configFailsNamingTheSecretThatIsMissing(String secret, @TempDir Path dir) {
        Path env = EnvExample.write(EnvExample.read().filledIn(List.of(secret)), dir.resolve(".env"));
        DockerCompose.Result result = DockerCompose.config(env);
        assertThat(result.exitCode()).as("exit code without " + secret).isNotZero();
        assertThat(result.stderr()).contains("set " + secret + " ", "compose/.env");
        assertThat(result.stdout()).isEmpty();
    }
}
