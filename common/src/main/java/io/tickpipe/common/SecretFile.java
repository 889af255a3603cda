package io.tickpipe.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret (credentials, token, password) read from the file a setting names, the way every
 * setting of this project that takes one reads it. Here, in the module every other one uses.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * The file's content without surrounding whitespace (files usually end with a newline that is
     * not part of the secret); a file that cannot be read names the setting and the path, never content.
     */
    public static String read(String settingKey, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + settingKey + " '" + path + "': "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
