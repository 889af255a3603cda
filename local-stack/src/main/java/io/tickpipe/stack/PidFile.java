package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code <stack dir>/<server>.pid}: how a later `stack down` or `status` finds a server. */
final class PidFile {

    private final Server server;
    private final Path path;

    PidFile(Server server) {
        this.server = server;
        this.path = server.directory().resolveSibling(server.name() + ".pid");
    }

    Path path() {
        return path;
    }

    void write(long pid) throws IOException {
        Files.writeString(path, pid + "\n");
    }

    /** The server's live process, if the file names one. */
    Optional<ServerProcess> process() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        String content = Files.readString(path).trim();
        try {
            return ServerProcess.find(server, Long.parseLong(content));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }
}
