package io.tickpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tickpipe.stack.StackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make demo} as a user runs it on a machine where nothing runs yet: its own stack in a fresh
 * STACK_DIR on free ports, the jars the reactor has just packaged, a short DURATION. Its table must
 * have shown a bar for every default symbol, and nothing it started may outlive it.
 */
class MakeDemoIT {
    /** The documented default symbols (SYMBOLS in the Makefile, the README). */
    private static final List<String> DEFAULT_SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL");
    private static final Pattern STARTED = Pattern.compile("^demo: (\\w+) started, pid (\\d+),", Pattern.MULTILINE);
    private static final String HEADER = "=== ";

    @TempDir
    Path temp;

    @Test
    void showsBarsForEveryDefaultSymbolThenStopsWhatItStarted() throws IOException, InterruptedException {
        Path stackDir = temp.resolve("stack");
        Path output = temp.resolve("make.out");
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "demo",
                // The job's first bars take a while, far longer on a busy machine: the table ends as soon
                // as every symbol shows a bar, DURATION only bounds the wait.
                "DURATION=150s", "WATCH_ARGS=--exit-when-complete",
                "STACK_DIR=" + stackDir,
                // make must find every jar fresh: were one stale, this would fail instead of running Maven.
                "MVN=false"));
        ProcessBuilder make = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("tickpipe.root")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Under `make test` the outer make's flags would reach this one; a developer's own settings
        // would change what the demo produces.
        make.environment().keySet().removeAll(List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SYMBOLS", "DEMO_SYMBOLS",
                "DEMO_RATE", "STREAM_ARGS", "PRODUCE_ARGS", "CLI_JAVA_OPTS", "STREAM_JAVA_OPTS", "TICKPIPE_HEAP_OPTS", "TICKPIPE_JVM_PERFORMANCE_OPTS",
                "TICKPIPE_JVM_OPTS", "TICKPIPE_JAR"));
        make.environment().putAll(StackPorts.free().toEnvironment());
        Process process = make.start();
        // A guard against a hung demo, not a performance check (run times seen: docs/performance.md).
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("make demo did not end; output:%n%s", Files.readString(output));
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("demo: starting the local stack in " + stackDir)
                .contains("demo: stopping the stack this demo started")
                .contains("demo: done; the data stays in InfluxDB");

        List<String> frames = frames(out);
        assertThat(frames).as(out).isNotEmpty();
        String last = frames.get(frames.size() - 1);
        for (String symbol : DEFAULT_SYMBOLS) {
            String[] row = row(last, symbol);
            // SYMBOL LAST BAR OPEN HIGH LOW CLOSE VOLUME ...: a bar start and its open and close prices.
            assertThat(row[2]).as(symbol + " bar start in%n%s", last).matches("\\d\\d:\\d\\d:00\\*?");
            assertThat(Double.parseDouble(row[3])).as(symbol + " open").isPositive();
            assertThat(Double.parseDouble(row[6])).as(symbol + " close").isPositive();
            assertThat(Double.parseDouble(row[7])).as(symbol + " volume").isPositive();
        }

        List<Long> pids = new ArrayList<>();
        Matcher started = STARTED.matcher(out);
        while (started.find()) {
            pids.add(Long.parseLong(started.group(2)));
        }
        assertThat(pids).as(out).hasSize(2);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        // The stack's servers and the job name STACK_DIR on their command lines.
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(stackDir.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .isEmpty();
    }

    /** The frames of the table, each from its header line to the next. */
    private static List<String> frames(String out) {
        List<String> frames = new ArrayList<>();
        int start = out.indexOf(HEADER);
        while (start >= 0) {
            int next = out.indexOf("\n" + HEADER, start);
            frames.add(next < 0 ? out.substring(start) : out.substring(start, next + 1));
            start = next < 0 ? -1 : next + 1;
        }
        return frames;
    }

    private static String[] row(String frame, String symbol) {
        return frame.lines().filter(line -> line.startsWith(symbol + " ")).findFirst()
                .map(line -> line.split(" {2,}"))
                .orElseThrow(() -> new AssertionError("no row for " + symbol + " in\n" + frame));
    }
}
