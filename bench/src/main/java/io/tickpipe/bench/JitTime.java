package io.tickpipe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A JVM's JIT compilations so far and the time its compiler threads spent on them, as the JDK's
 * {@code jstat -compiler} reports them. A JVM compiles for minutes after its start, on the same cores
 * as the work: a benchmark that measures a window of a job's life says how busy its JIT still was.
 */
record JitTime(long wallNanos, long compilations, double compileSeconds) {

    /** The figures of the JVM {@code pid}, or null when {@code jstat} cannot tell (no JDK tools, say). */
    static JitTime of(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            // "Compiled Failed Invalid Time FailedType FailedMethod", then one line of figures.
            String[] lines = out.trim().split("\n");
            String[] fields = lines[lines.length - 1].trim().split("\\s+");
            return new JitTime(System.nanoTime(), Long.parseLong(fields[0]), Double.parseDouble(fields[3]));
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "N compilations, X s of compile time per second" between two snapshots of one JVM (either may be null). */
    static String between(JitTime from, JitTime to) {
        if (from == null || to == null) {
            return "its JIT compiler's time unknown (no jstat)";
        }
        double seconds = (to.wallNanos - from.wallNanos) / 1e9;
        return String.format(Locale.ROOT, "%d JIT compilations, %.2f s of compile time per second (jstat -compiler)",
                to.compilations - from.compilations, (to.compileSeconds - from.compileSeconds) / seconds);
    }
}
