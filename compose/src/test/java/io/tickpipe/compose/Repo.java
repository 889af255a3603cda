package io.tickpipe.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The repository the compose file runs: its root, its poms' versions and the jars its modules build. */
public final class Repo {
    /** The tests run in compose/, Maven's working directory for this module. */
    public static final Path ROOT = realPath(Path.of(".."));
    public static final Path COMPOSE_FILE = ROOT.resolve("compose/docker-compose.yml");
    public static final Path ENV_EXAMPLE = ROOT.resolve("compose/.env.example");

    private Repo() {
    }

    /** A property of the root pom, e.g. {@code spark.version}. */
    public static String rootProperty(String name) {
        Element properties = single(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "properties");
        return single(properties, name).getTextContent().trim();
    }

    /**
     * {@code <module>/target/<finalName>.jar}: the runnable jar its pom builds, named by the one
     * finalName in its pom or, without one, in the parent pom it inherits from (spark-job-parent).
     */
    public static Path moduleJar(String module) {
        Path pomFile = ROOT.resolve(module).resolve("pom.xml");
        Element project = pom(pomFile).getDocumentElement();
        String artifactId = single(project, "artifactId").getTextContent().trim();
        String finalName = finalName(pomFile).replace("${project.artifactId}", artifactId);
        return ROOT.resolve(module).resolve("target").resolve(finalName + ".jar");
    }

    private static String finalName(Path pomFile) {
        Element project = pom(pomFile).getDocumentElement();
        NodeList names = project.getElementsByTagName("finalName");
        if (names.getLength() == 1) {
            return names.item(0).getTextContent().trim();
        }
        NodeList parents = project.getElementsByTagName("relativePath");
        if (names.getLength() == 0 && parents.getLength() == 1) {
            return finalName(pomFile.resolveSibling(parents.item(0).getTextContent().trim()).normalize());
        }
        throw new IllegalStateException(pomFile + " should name its jar with exactly one <finalName>, itself or in"
                + " its parent, has " + names.getLength());
    }

    private static Element single(Element parent, String childName) {
        List<Element> found = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(childName)) {
                found.add(e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one <" + childName + "> in <" + parent.getTagName() + ">, found "
                    + found.size());
        }
        return found.get(0);
    }

    private static Document pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
