package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One server of the local stack: what it needs on disk, its command line and how to tell that it
 * serves. Running it (log file, readiness wait, stopping) is {@link ServerProcess}'s job.
 */
interface Server {

    /** Short name, also used for its folder, log and pid file: "kafka", "registry", "influxdb". */
    String name();

    /** Its own folder under the stack directory, holding its config, data and log. */
    Path directory();

    default Path logFile() {
        return directory().resolve(name() + ".log");
    }

    /** Where clients reach it, for people reading `status` output. */
    String endpoint();

    /** Writes config files and does one-time setup (e.g. formatting storage) before launch. */
    void prepare() throws IOException, InterruptedException;

    List<String> command();

    /** Variables added to its environment. */
    default java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    /** Readiness probe; an IOException counts as "not yet". */
    boolean isReady() throws IOException, InterruptedException;

    /** Setup that needs the running server; runs once, right after it became ready. */
    default void initialize() throws IOException, InterruptedException {
    }
}
