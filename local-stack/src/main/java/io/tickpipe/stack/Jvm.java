package io.tickpipe.stack;

import java.nio.file.Path;

/** The java launcher for the servers that are JVMs: the one running this code. */
final class Jvm {

    private Jvm() {
    }

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
