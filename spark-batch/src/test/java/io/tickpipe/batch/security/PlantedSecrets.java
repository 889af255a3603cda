package io.tickpipe.batch.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A unique random value for each kind of secret, and the search for them in what the pipeline wrote:
 * each value as it is, and inside the basic {@code Authorization} header that carries it.
 */
final class PlantedSecrets {

    enum Kind {
        KAFKA_SASL_PASSWORD, KAFKA_WRONG_PASSWORD, KAFKA_SSL_KEY, INFLUX_PASSWORD, INFLUX_WRONG_PASSWORD, INFLUX_TOKEN,
        REGISTRY_PASSWORD, FINNHUB_TOKEN
    }

    private final Map<Kind, String> values = new EnumMap<>(Kind.class);
    /** What to search for, and what it is. */
    private final Map<String, String> needles = new LinkedHashMap<>();

    /** @param users the user each password goes with, for the forms a basic Authorization header gives it */
    PlantedSecrets(Map<Kind, String> users) {
        SecureRandom random = new SecureRandom();
        for (Kind kind : Kind.values()) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            // Letters and digits only: URL-encoded, quoted or escaped, a leak shows the value as it is...
            String value = "planted" + HexFormat.of().formatHex(bytes);
            values.put(kind, value);
            needles.put(value, kind.name());
            // ...but in a basic Authorization header it is base64, together with its user.
            if (users.containsKey(kind)) {
                String header = Base64.getEncoder().encodeToString((users.get(kind) + ":" + value).getBytes(StandardCharsets.UTF_8));
                needles.put(header, kind + " (basic Authorization header)");
            }
        }
    }

    String get(Kind kind) {
        return values.get(kind);
    }

    /** "where: KIND" for each secret found in {@code text}. */
    List<String> findIn(String where, String text) {
        List<String> found = new ArrayList<>();
        needles.forEach((needle, what) -> {
            if (text.contains(needle)) {
                found.add(where + ": " + what);
            }
        });
        return found;
    }

    /** {@link #findIn} for every file under {@code root}, but the {@code excluded} ones (where the test put the secrets). */
    List<String> findInFiles(Path root, Set<Path> excluded) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!excluded.contains(file.toAbsolutePath().normalize())) {
                    // ISO-8859-1 maps each byte to one char: binary files (Kafka segments, event logs) are searched too.
                    found.addAll(findIn(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
