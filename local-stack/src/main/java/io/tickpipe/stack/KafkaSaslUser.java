package io.tickpipe.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCRAM user clients of the broker's SASL listener log in as, and the Kafka client properties
 * file holding its credentials: the one place its password is kept, readable by its owner only, and
 * what a client takes as its {@code --client-config}. The password never goes on a command line.
 */
final class KafkaSaslUser {

    static final String NAME = "tickpipe";
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]*)\"");

    private final String name;
    private final String password;

    private KafkaSaslUser(String name, String password) {
        this.name = name;
        this.password = password;
    }

    /**
     * A new password of 24 random bytes, URL-safe base64: no quote, comma, bracket or space, so it
     * needs no escaping in a JAAS line or in SCRAM's {@code [name=..,password=..]}.
     */
    static KafkaSaslUser generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new KafkaSaslUser(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The user of a client file {@link #writeClientConfig} wrote, if there is one. */
    static Optional<KafkaSaslUser> readClientConfig(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Matcher password = PASSWORD.matcher(properties.getProperty("sasl.jaas.config", ""));
        if (!password.find()) {
            throw new IllegalStateException(file + " has no sasl.jaas.config with a password; delete it and"
                    + " the Kafka data beside it to start over");
        }
        return Optional.of(new KafkaSaslUser(NAME, password.group(1)));
    }

    /** Writes the client settings for the SASL listener, readable and writable by the owner only. */
    void writeClientConfig(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Kafka client settings for the local stack's SASL listener: pass this file as --client-config.\n");
            out.write("security.protocol=" + SECURITY_PROTOCOL + "\n");
            out.write("sasl.mechanism=" + MECHANISM + "\n");
            out.write("sasl.jaas.config=" + LOGIN_MODULE + " required username=\"" + name + "\" password=\""
                    + password + "\";\n");
        }
    }

    /** The argument of {@code StorageTool format --add-scram}: the user, created with the storage. */
    String storageToolCredential() {
        return MECHANISM + "=[name=" + name + ",password=" + password + "]";
    }

    /** The argument of {@code ConfigCommand --add-config}: the user added to a running broker. */
    String configCommandCredential() {
        return MECHANISM + "=[password=" + password + "]";
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SCRAM user " + name;
    }
}
