package io.tickpipe.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compose file as {@code docker-compose config} resolved it, read with Jackson. Understands
 * both spellings compose tools print: 1.29's short strings ({@code 127.0.0.1:3000:3000/tcp},
 * {@code src:dst:ro}) and v2's long maps.
 */
public final class ResolvedCompose {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static ResolvedCompose shared;

    private final JsonNode root;
    private final Map<String, String> env;

    private ResolvedCompose(JsonNode root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    /** The file resolved with .env.example's secrets filled in; once per test JVM. */
    public static synchronized ResolvedCompose shared() {
        if (shared == null) {
            Map<String, String> env = EnvExample.read().filledIn(List.of());
            try {
                Path dir = Files.createTempDirectory("compose-test");
                Path file = EnvExample.write(env, dir.resolve(".env"));
                DockerCompose.Result result = DockerCompose.config(file);
                Files.delete(file);
                Files.delete(dir);
                if (result.exitCode() != 0) {
                    throw new AssertionError("docker-compose config refused compose/docker-compose.yml with"
                            + " .env.example's secrets filled in (exit " + result.exitCode() + "):\n" + result.stderr());
                }
                shared = new ResolvedCompose(YAML.readTree(result.stdout()), Map.copyOf(env));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The values of the env file the file was resolved with. */
    public Map<String, String> env() {
        return env;
    }

    public List<String> serviceNames() {
        return fieldNames(root.path("services"));
    }

    public boolean hasService(String name) {
        return root.path("services").has(name);
    }

    public JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("no service " + name + " in the compose file; it has " + serviceNames());
        }
        return service;
    }

    public List<String> declaredVolumes() {
        return fieldNames(root.path("volumes"));
    }

    public String image(String service) {
        return service(service).path("image").asText();
    }

    /** What the container runs: entrypoint, then command. */
    public List<String> argv(String service) {
        List<String> argv = new ArrayList<>(strings(service(service).path("entrypoint")));
        argv.addAll(strings(service(service).path("command")));
        return argv;
    }

    public Map<String, String> environment(String service) {
        Map<String, String> values = new LinkedHashMap<>();
        service(service).path("environment").fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return values;
    }

    /** The service's environment variable, which must be set. */
    public String environment(String service, String name) {
        String value = environment(service).get(name);
        if (value == null) {
            throw new AssertionError("service " + service + " does not set " + name);
        }
        return value;
    }

    /** Other service name -> condition. */
    public Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode dependsOn = service(service).path("depends_on");
        if (dependsOn.isArray()) {
            dependsOn.forEach(name -> conditions.put(name.asText(), "service_started"));
        } else {
            dependsOn.fields().forEachRemaining(e -> conditions.put(e.getKey(),
                    e.getValue().path("condition").asText("service_started")));
        }
        return conditions;
    }

    /** A published port: host address (empty = every interface), host port, container port. */
    public record Port(String hostIp, String published, String target) {
    }

    public List<Port> ports(String service) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode port : service(service).path("ports")) {
            if (port.isTextual()) {
                String[] parts = port.asText().replaceAll("/(tcp|udp)$", "").split(":");
                ports.add(switch (parts.length) {
                    case 3 -> new Port(parts[0], parts[1], parts[2]);
                    case 2 -> new Port("", parts[0], parts[1]);
                    default -> new Port("", "", parts[0]);
                });
            } else {
                ports.add(new Port(port.path("host_ip").asText(""), port.path("published").asText(""),
                        port.path("target").asText()));
            }
        }
        return ports;
    }

    /** A mount: {@code bind} (source an absolute host path) or {@code volume} (source a volume name). */
    public record Mount(String type, String source, String target, boolean readOnly) {
    }

    public List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                mounts.add(new Mount(parts[0].startsWith("/") ? "bind" : "volume", parts[0], parts[1], readOnly));
            } else {
                mounts.add(new Mount(volume.path("type").asText(), volume.path("source").asText(),
                        volume.path("target").asText(), volume.path("read_only").asBoolean(false)));
            }
        }
        return mounts;
    }

    /** The host file or folder bound at {@code target} in the service, if one is. */
    public Optional<Path> hostPathOf(String service, String target) {
        return mounts(service).stream()
                .filter(m -> m.type().equals("bind") && m.target().equals(target))
                .map(m -> Path.of(m.source()))
                .findFirst();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            throw new AssertionError("a command given as one string runs through a shell; give a list: " + node.asText());
        }
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
