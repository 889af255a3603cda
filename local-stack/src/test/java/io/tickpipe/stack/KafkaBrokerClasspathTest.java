package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleDescriptor.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The root pom pins Jackson, kafka-clients and slf4j for Spark; this module re-pins them for the broker.
 * Checks that no management anywhere downgrades what Kafka's own poms ask for.
 */
class KafkaBrokerClasspathTest {

    private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

    private final Map<String, Path> jarsByArtifact = classpathJars();

    @Test
    void every_jar_on_the_broker_classpath_exists() {
        assertThat(jarsByArtifact.values()).isNotEmpty().allMatch(Files::isRegularFile);
    }

    @Test
    void broker_gets_the_kafka_clients_of_its_own_version() {
        assertThat(version("org.apache.kafka:kafka-clients")).isEqualTo(version("org.apache.kafka:kafka_2.13"));
    }

    @Test
    void no_kafka_dependency_is_older_than_kafka_asks_for() throws Exception {
        List<String> downgraded = new ArrayList<>();
        for (Map.Entry<String, Path> kafkaJar : jarsByArtifact.entrySet()) {
            if (!kafkaJar.getKey().startsWith("org.apache.kafka:")) {
                continue;
            }
            for (Map.Entry<String, String> wanted : declaredDependencies(pomOf(kafkaJar.getValue())).entrySet()) {
                String actual = version(wanted.getKey());
                if (Version.parse(actual).compareTo(Version.parse(wanted.getValue())) < 0) {
                    downgraded.add(kafkaJar.getKey() + " wants " + wanted.getKey() + ":" + wanted.getValue() + ", gets " + actual);
                }
            }
        }
        assertThat(downgraded).isEmpty();
    }

    private String version(String artifact) {
        Path jar = jarsByArtifact.get(artifact);
        assertThat(jar).as(artifact + " on the broker classpath").isNotNull();
        return jar.getParent().getFileName().toString();
    }

    /** group:artifact -> jar, from Maven's repository layout .../group/path/artifact/version/file.jar. */
    private static Map<String, Path> classpathJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : BuildArtifacts.kafkaClasspath().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path versionDir = jar.getParent();
            Path artifactDir = versionDir.getParent();
            Path repository = repositoryRoot(jar);
            String group = repository.relativize(artifactDir.getParent()).toString().replace('/', '.');
            jars.put(group + ":" + artifactDir.getFileName(), jar);
        }
        return jars;
    }

    private static Path repositoryRoot(Path jar) {
        Path dir = jar;
        while (dir != null && !dir.getFileName().toString().equals("repository")) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a local Maven repository above " + jar).isNotNull();
        return dir;
    }

    private static Path pomOf(Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
    }

    /** group:artifact -> version of the compile/runtime dependencies a published pom declares. */
    private static Map<String, String> declaredDependencies(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        Map<String, String> dependencies = new LinkedHashMap<>();
        NodeList nodes = project.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            String scope = text(dependency, "scope");
            String version = text(dependency, "version");
            if (RUNTIME_SCOPES.contains(scope) && !version.isEmpty() && !"true".equals(text(dependency, "optional"))) {
                dependencies.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), version);
            }
        }
        return dependencies;
    }

    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        return "";
    }
}
