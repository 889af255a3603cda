package io.tickpipe.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compose/.env.example: {@code KEY=} lines are what the user must fill in (the secrets),
 * {@code # KEY=value} lines document an optional variable and its default.
 */
public record EnvExample(Map<String, String> required, Map<String, String> optional) {
    private static final Pattern SET = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");
    private static final Pattern DOCUMENTED = Pattern.compile("^#\\s*([A-Z][A-Z0-9_]*)=(.*)$");

    public static EnvExample read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Repo.ENV_EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> required = new LinkedHashMap<>();
        Map<String, String> optional = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher set = SET.matcher(line.trim());
            Matcher documented = DOCUMENTED.matcher(line.trim());
            if (set.matches()) {
                required.put(set.group(1), set.group(2));
            } else if (documented.matches()) {
                optional.put(documented.group(1), documented.group(2));
            }
        }
        return new EnvExample(required, optional);
    }

    /** The variables the user has to fill in: those set to nothing. */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        required.forEach((key, value) -> {
            if (value.isEmpty()) {
                secrets.put(key, value);
            }
        });
        return secrets;
    }

    /**
     * The file a user writes: the example with every secret filled in with a value of its own
     * ({@code test-<name>}), except those in {@code leftEmpty}.
     */
    public Map<String, String> filledIn(List<String> leftEmpty) {
        Map<String, String> env = new LinkedHashMap<>(required);
        secrets().keySet().forEach(key -> {
            if (!leftEmpty.contains(key)) {
                env.put(key, "test-" + key.toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        });
        return env;
    }

    public static Path write(Map<String, String> env, Path file) {
        StringBuilder text = new StringBuilder();
        env.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
