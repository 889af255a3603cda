package io.tickpipe.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provisioning tree as Grafana reads it from {@code /etc/grafana/provisioning}: YAML files in
 * {@code datasources/}, {@code dashboards/} (providers) and {@code alerting/}, dashboard JSON in
 * {@code dashboards/}. A file that does not parse fails loading, naming the file.
 */
public final class Provisioning {

    /** The uid every dashboard and rule refers to. */
    public static final String DATASOURCE_UID = "tickpipe-influxdb";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;
    private final Map<Path, JsonNode> yaml;
    private final Map<Path, JsonNode> dashboards;

    private Provisioning(Path root, Map<Path, JsonNode> yaml, Map<Path, JsonNode> dashboards) {
        this.root = root;
        this.yaml = yaml;
        this.dashboards = dashboards;
    }

    /** Reads every provisioning file under {@code root}. */
    public static Provisioning load(Path root) {
        Map<Path, JsonNode> yaml = new TreeMap<>();
        Map<Path, JsonNode> dashboards = new TreeMap<>();
        for (String folder : List.of("datasources", "dashboards", "alerting")) {
            for (Path file : files(root.resolve(folder))) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    yaml.put(root.relativize(file), read(YAML, file));
                } else if (name.endsWith(".json") && folder.equals("dashboards")) {
                    dashboards.put(root.relativize(file), read(JSON, file));
                }
            }
        }
        return new Provisioning(root, yaml, dashboards);
    }

    /** The tree of the repository's {@code grafana-provisioning/}: {@code -Dtickpipe.grafana.dir}, else {@code ../grafana-provisioning} from a module's folder. */
    public static Provisioning ofRepository() {
        Path root = Path.of(System.getProperty("tickpipe.grafana.dir", "../grafana-provisioning"));
        if (!Files.isDirectory(root.resolve("dashboards"))) {
            throw new IllegalStateException("no Grafana provisioning tree at " + root.toAbsolutePath()
                    + " (set -Dtickpipe.grafana.dir)");
        }
        return load(root);
    }

    public Path root() {
        return root;
    }

    /** Every YAML file, by its path under the root. */
    public Map<Path, JsonNode> yamlFiles() {
        return yaml;
    }

    /** Every dashboard, by its path under the root. */
    public Map<Path, JsonNode> dashboards() {
        return dashboards;
    }

    /** The YAML files of one folder ({@code datasources}, {@code dashboards}, {@code alerting}). */
    public List<JsonNode> yamlIn(String folder) {
        List<JsonNode> found = new ArrayList<>();
        yaml.forEach((path, node) -> {
            if (path.getName(0).toString().equals(folder)) {
                found.add(node);
            }
        });
        return found;
    }

    /** The provisioned datasource with {@link #DATASOURCE_UID}. */
    public JsonNode datasource() {
        for (JsonNode file : yamlIn("datasources")) {
            for (JsonNode source : file.path("datasources")) {
                if (DATASOURCE_UID.equals(source.path("uid").asText())) {
                    return source;
                }
            }
        }
        throw new IllegalStateException("no datasource with uid " + DATASOURCE_UID + " under " + root.resolve("datasources"));
    }

    /** The datasource's {@code timeInterval}: no {@code $__interval} of a dashboard goes below it. */
    public Duration minInterval() {
        JsonNode interval = datasource().path("jsonData").path("timeInterval");
        return interval.isTextual() ? GrafanaInterval.parse(interval.asText()) : Duration.ofMillis(1);
    }

    /** Every alert rule of every group in {@code alerting/}. */
    public List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode file : yamlIn("alerting")) {
            for (JsonNode group : file.path("groups")) {
                group.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    // Grafana's provisioning expansion: $NAME or ${NAME}; $$ is a literal dollar.
    private static final Pattern ENV = Pattern.compile("(?<!\\$)\\$(?:\\{(\\w+)}|(\\w+))");

    /**
     * Every environment variable Grafana expands in the YAML files, with the first place that uses it
     * ({@code file/json/pointer}). Alert queries and annotations are left out: Grafana does not expand
     * them, their {@code $} are its own macros and the datasource's.
     */
    public Map<String, String> environmentVariables() {
        Map<String, String> used = new TreeMap<>();
        yamlFiles().forEach((path, yaml) -> nodes(yaml, path.toString(), (where, node) -> {
            if (!node.isTextual() || where.matches(".*/groups/\\d+/rules/\\d+/(data/\\d+/model|annotations)/.*")) {
                return;
            }
            Matcher m = ENV.matcher(node.asText());
            while (m.find()) {
                used.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), where);
            }
        }));
        return used;
    }

    /** Visits {@code node} and everything under it with its JSON-pointer-like path below {@code where}. */
    public static void nodes(JsonNode node, String where, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(where, node);
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> nodes(field.getValue(), where + "/" + field.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nodes(node.get(i), where + "/" + i, visitor);
            }
        }
    }
}
