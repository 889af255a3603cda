package io.tickpipe.producer.source;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the simulation's injected jumps to a CSV file, header {@value #HEADER}, one line per jump in
 * the order they were injected (event time ascending), the time as an ISO-8601 instant. Each line is
 * flushed as written so that a run stopped by a signal still leaves every label of what it sent.
 */
public final class JumpLabelsFile implements Consumer<InjectedJump>, AutoCloseable {
    public static final String HEADER = "symbol,event_time,log_size";

    private final Path path;
    private final BufferedWriter out;

    public JumpLabelsFile(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        out.flush();
    }

    @Override
    public void accept(InjectedJump jump) {
        try {
            out.write(jump.symbol() + "," + jump.eventTime() + "," + jump.logSize());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the jump labels to " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
