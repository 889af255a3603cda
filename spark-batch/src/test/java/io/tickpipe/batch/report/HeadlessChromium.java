package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless and cut off from the network, opening a file: its DOM after the page's
 * scripts ran, or a screenshot. Each call starts one Chromium and stops it (and what it started) by
 * pid before returning.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** Virtual time the page gets: timers run without waiting, so this bounds nothing in wall time. */
    private static final int VIRTUAL_TIME_MS = 120_000;
    /** A guard against a Chromium that never exits, far beyond what loading a file takes. */
    private static final long EXIT_GUARD_MINUTES = 5;

    private final Path work;

    /** Fails, saying how to install it, when Chromium is not there. */
    HeadlessChromium(Path work) {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: the report's browser test needs Debian's chromium package;"
                    + " run scripts/install-system-deps.sh (as root) to install it");
        }
        this.work = work;
    }

    /** The DOM of {@code page} once its scripts have run. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        Path out = work.resolve("dom.html");
        run(List.of("--dump-dom", page.toUri().toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the top {@code width} x {@code height} pixels of {@code page}. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()), work.resolve("screenshot.out"));
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot " + png + "; its log: " + log());
        }
    }

    private void run(List<String> action, Path stdout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile"),
                // No network: every connection goes to a proxy that is not there (loopback included),
                // and no host name resolves.
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--force-device-scale-factor=1",
                "--virtual-time-budget=" + VIRTUAL_TIME_MS));
        command.addAll(action);
        Process chromium = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(work.resolve("chromium.log").toFile())
                .start();
        try {
            if (!chromium.waitFor(EXIT_GUARD_MINUTES, TimeUnit.MINUTES)) {
                fail("chromium (pid " + chromium.pid() + ") had not exited after " + EXIT_GUARD_MINUTES
                        + " minutes; its log: " + log());
            }
            if (chromium.exitValue() != 0) {
                fail("chromium exited with " + chromium.exitValue() + "; its log: " + log());
            }
        } finally {
            stop(chromium);
        }
    }

    private static void stop(Process chromium) throws InterruptedException {
        chromium.descendants().forEach(ProcessHandle::destroy);
        chromium.destroy();
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.waitFor();
        }
    }

    private String log() {
        try {
            String log = Files.readString(work.resolve("chromium.log"));
            return log.length() > 4_000 ? log.substring(log.length() - 4_000) : log;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
