package io.tickpipe.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickpipe.compose.ResolvedCompose.Mount;
import io.tickpipe.compose.ResolvedCompose.Port;
import io.tickpipe.grafana.Provisioning;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.influx.InfluxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The resolved compose file agrees with the repository and keeps the stack's rules. */
class ComposeFileTest {
    private static final String SPARK_IMAGE = "apache/spark";
    private static final Set<String> INIT_SERVICES = Set.of("create-topics", "register-schemas");

    private final ResolvedCompose compose = ResolvedCompose.shared();

    @Test
    void sparkImagesAreTheSparkScalaAndJavaTheJobsAreBuiltFor() {
        String expectedTag = Repo.rootProperty("spark.version") + "-scala" + Repo.rootProperty("scala.binary.version")
                + "-java" + Repo.rootProperty("maven.compiler.release") + "-ubuntu";
        List<String> sparkServices = compose.serviceNames().stream()
                .filter(s -> compose.image(s).startsWith(SPARK_IMAGE + ":")).toList();
        assertThat(sparkServices).containsExactlyInAnyOrder("spark-master", "spark-worker", "spark-stream", "spark-batch");
        sparkServices.forEach(s -> assertThat(compose.image(s)).as(s).isEqualTo(SPARK_IMAGE + ":" + expectedTag));
    }

    @Test
    void otherImagesArePinnedToTheVersionsTheRepositoryUses() {
        assertThat(compose.image("kafka")).isEqualTo("apache/kafka:" + Repo.rootProperty("kafka.broker.version"));
        String java = Repo.rootProperty("maven.compiler.release");
        Stream.of("create-topics", "register-schemas", "producer").forEach(s ->
                assertThat(compose.image(s)).as(s).matches("eclipse-temurin:" + java + "\\.[0-9._]+-jre"));
        assertThat(compose.image("influxdb")).matches("influxdb:2\\.7\\.[0-9]+");
        assertThat(compose.image("grafana")).matches("grafana/grafana:11\\.[0-9]+\\.[0-9]+");
        assertThat(compose.image("schema-registry")).matches("confluentinc/cp-schema-registry:7\\.[0-9]+\\.[0-9]+");
        compose.serviceNames().forEach(s -> assertThat(compose.image(s)).as(s).contains(":").doesNotEndWith(":latest"));
    }

    @Test
    void everyPublishedPortBindsLoopbackOnly() {
        List<String> published = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            for (Port port : compose.ports(service)) {
                assertThat(port.hostIp()).as(service + " publishes " + port).isEqualTo("127.0.0.1");
                assertThat(port.published()).as(service + " publishes " + port).isNotEmpty();
                published.add(port.published());
            }
        }
        assertThat(published).as("host ports").doesNotHaveDuplicates()
                .contains("9092", "8081", "8086", "3000");
    }

    @Test
    void kafkaAdvertisesItsServiceNameInsideAndLoopbackWithThePublishedPortOutside() {
        Map<String, String> env = compose.environment("kafka");
        Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        Map<String, String> bound = listeners(env.get("KAFKA_LISTENERS"));
        String internal = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertThat(host(advertised.get(internal))).isEqualTo("kafka");
        assertThat(advertised).hasSize(2);
        String external = advertised.keySet().stream().filter(name -> !name.equals(internal)).findFirst().orElseThrow();
        assertThat(host(advertised.get(external))).isEqualTo("127.0.0.1");
        Port port = compose.ports("kafka").stream()
                .filter(p -> p.published().equals(port(advertised.get(external)))).findFirst()
                .orElseThrow(() -> new AssertionError(external + " advertises a port kafka does not publish"));
        assertThat(port(bound.get(external))).as("container port of " + external).isEqualTo(port.target());
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void dependenciesWaitForHealthOrForCompletion() {
        for (String service : compose.serviceNames()) {
            compose.dependsOn(service).forEach((other, condition) -> {
                assertThat(condition).as(service + " -> " + other)
                        .isIn("service_healthy", "service_completed_successfully");
                JsonNode target = compose.service(other);
                if (condition.equals("service_healthy")) {
                    assertThat(target.path("healthcheck").path("test").size()).as(other + "'s health check").isPositive();
                    assertThat(target.path("healthcheck").path("disable").asBoolean(false)).isFalse();
                } else {
                    assertThat(target.path("restart").asText("no")).as(other + " must end to complete").isEqualTo("no");
                }
            });
        }
        for (String consumer : List.of("producer", "spark-stream", "spark-batch")) {
            for (String init : INIT_SERVICES) {
                assertThat(compose.dependsOn(consumer)).as(consumer).containsEntry(init, "service_completed_successfully");
            }
        }
        assertThat(compose.dependsOn("spark-stream")).containsEntry("influxdb", "service_healthy")
                .containsEntry("spark-master", "service_healthy").containsEntry("spark-worker", "service_healthy");
    }

    @Test
    void volumesInUseAreDeclaredAndDeclaredOnesAreUsed() {
        Set<String> used = new TreeSet<>();
        compose.serviceNames().forEach(s -> compose.mounts(s).stream()
                .filter(m -> m.type().equals("volume")).forEach(m -> used.add(m.source())));
        assertThat(compose.declaredVolumes()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void bindMountsAreRepositoryFilesOrTheJarsTheModulesBuild() {
        for (String service : compose.serviceNames()) {
            for (Mount mount : compose.mounts(service)) {
                if (!mount.type().equals("bind")) {
                    continue;
                }
                Path source = Path.of(mount.source()).normalize();
                assertThat(source.startsWith(Repo.ROOT)).as(service + " mounts from outside the repository: " + mount)
                        .isTrue();
                assertThat(mount.readOnly()).as(service + " mounts repository files read-only: " + mount).isTrue();
                if (source.getFileName().toString().endsWith(".jar")) {
                    String module = Repo.ROOT.relativize(source).getName(0).toString();
                    assertThat(source).as(service + " runs the jar " + module + " builds").isEqualTo(Repo.moduleJar(module));
                } else {
                    assertThat(source).as(service + " mounts " + mount).exists();
                }
            }
        }
    }

    @Test
    void theStreamingCheckpointIsOneVolumeAtOnePathForDriverAndExecutors() {
        String checkpoint = SparkSubmitLine.of(compose.argv("spark-stream")).appArg("--checkpoint-dir");
        Mount shared = compose.mounts("spark-stream").stream()
                .filter(m -> m.type().equals("volume") && checkpoint.startsWith(m.target() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(checkpoint + " is on no named volume"));
        assertThat(compose.mounts("spark-worker")).as("the executors' container").contains(shared);
    }

    @Test
    void influxDbIsSetUpWithTheOrgBucketAndTokenTheJobsUseAndAnInfluxQlMapping() throws IOException {
        Map<String, String> env = compose.environment("influxdb");
        assertThat(env).containsEntry("DOCKER_INFLUXDB_INIT_MODE", "setup")
                .containsEntry("DOCKER_INFLUXDB_INIT_ORG", "tickpipe")
                .containsEntry("DOCKER_INFLUXDB_INIT_BUCKET", InfluxConfig.DEFAULT_DATABASE)
                .containsEntry("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", compose.env().get("INFLUX_TOKEN"));
        Path initDir = compose.hostPathOf("influxdb", "/docker-entrypoint-initdb.d").orElseThrow();
        List<Path> scripts;
        try (Stream<Path> files = Files.list(initDir)) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).toList();
        }
        // The image runs only executable *.sh files there.
        assertThat(scripts).isNotEmpty().allMatch(Files::isExecutable);
        String script = Files.readString(scripts.get(0));
        assertThat(script).contains("influx v1 dbrp create", "--db \"$DOCKER_INFLUXDB_INIT_BUCKET\"", "--rp autogen",
                "--bucket-id \"$DOCKER_INFLUXDB_INIT_BUCKET_ID\"");
    }

    @Test
    void theRegistrysDefaultLevelIsTheOneTheMarketSubjectsDeclare() {
        String level = compose.environment("schema-registry", "SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL");
        for (MarketContract contract : MarketContract.values()) {
            assertThat(level.toUpperCase(Locale.ROOT)).as(contract.name()).isEqualTo(contract.compatibility().name());
        }
    }

    @Test
    void grafanaGetsItsProvisioningAndEveryVariableItsDatasourceExpands() throws IOException {
        Path provisioning = compose.hostPathOf("grafana", "/etc/grafana/provisioning").orElseThrow();
        assertThat(provisioning).isEqualTo(Repo.ROOT.resolve("grafana-provisioning")).isDirectory();
        assertThat(compose.mounts("grafana")).filteredOn(m -> m.target().equals("/etc/grafana/provisioning"))
                .singleElement().extracting(Mount::readOnly).isEqualTo(true);

        Map<String, String> env = compose.environment("grafana");
        assertThat(env).containsEntry("INFLUX_URL", "http://influxdb:" + compose.ports("influxdb").get(0).target())
                .containsEntry("INFLUX_DB", InfluxConfig.DEFAULT_DATABASE)
                .containsEntry("INFLUX_TOKEN", compose.env().get("INFLUX_TOKEN"))
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", compose.env().get("GRAFANA_ADMIN_PASSWORD"));
        Provisioning.load(provisioning).environmentVariables().forEach((variable, where) ->
                assertThat(env).as("Grafana expands $%s in %s", variable, where).containsKey(variable));
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }

    /** {@code NAME://host:port,...} -> NAME -> host:port. */
    private static Map<String, String> listeners(String spec) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : spec.split(",")) {
            int sep = listener.indexOf("://");
            listeners.put(listener.substring(0, sep), listener.substring(sep + 3));
        }
        return listeners;
    }
}
