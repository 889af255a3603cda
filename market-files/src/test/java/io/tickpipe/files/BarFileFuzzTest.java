package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneId;

/**
 * Fuzz target of {@link BarFile}: any bytes as a vendor's bars file, with a session zone that has
 * summer time (so local times it skips or repeats occur). Reading ends in what the Javadoc promises
 * and nothing else: the file refused ({@link BadFileException}), a line refused
 * ({@link BadLineException}), or a bar that keeps the rules {@link BarFile} states. Any other
 * exception, a hang or unbounded memory is a finding.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/files/BarFileFuzzTestInputs/bars/}; {@code make fuzz} fuzzes
 * it (docs/testing.md#fuzzing).
 */
class BarFileFuzzTest {
    private static final String NAME = "aapl_1d.csv";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @FuzzTest
    void bars(byte[] bytes) throws IOException {
        BarFile file;
        try {
            file = new BarFile(NAME, new ByteArrayInputStream(bytes), null, NEW_YORK);
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(NAME + ": ");
            assertThat(e.line()).isPositive();
            return;
        }
        try (file) {
            for (CsvLine line = file.next(); line != null; line = file.next()) {
                try {
                    check(file.parse(line));
                } catch (BadLineException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(NAME + ":" + e.line() + ": ");
        }
    }

    private static void check(BarFile.Bar bar) {
        assertThat(Symbols.normalise(bar.symbol())).isEqualTo(bar.symbol());
        assertThat(bar.start()).isNotNull();
        assertThat(bar.low()).isPositive().isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
        assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close())).isFinite();
        assertThat(bar.volume()).isNotNegative().isFinite();
    }
}
