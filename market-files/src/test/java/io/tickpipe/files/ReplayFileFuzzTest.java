package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fuzz target of {@link ReplayFile} (and the {@link CsvLineReader} under it): any bytes as a trades
 * or quotes file, plain and as gzip data. Reading ends in what the Javadoc promises and nothing
 * else: the file refused as a whole ({@link BadFileException}, at open or when the rest cannot be
 * read), a line refused ({@link BadLineException}), or an event the producer can send (it encodes
 * with its Avro schema). Any other exception, a hang or unbounded memory is a finding.
 *
 * <p>{@code make test} runs each method over its corpus in
 * {@code src/test/resources/io/tickpipe/files/ReplayFileFuzzTestInputs/<method>/}; {@code make fuzz}
 * fuzzes it (docs/testing.md#fuzzing).
 */
class ReplayFileFuzzTest {
    private static final BinaryEncoder ENCODER = EncoderFactory.get().binaryEncoder(OutputStream.nullOutputStream(), null);

    @FuzzTest
    void csv(byte[] file) throws IOException {
        read("fuzz.csv", file);
    }

    @FuzzTest
    void gzip(byte[] file) throws IOException {
        read("fuzz.csv.gz", file);
    }

    private static void read(String name, byte[] bytes) throws IOException {
        ReplayFile file;
        try {
            file = new ReplayFile(name, new ByteArrayInputStream(bytes));
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(name + ": ");
            assertThat(e.line()).isPositive();
            return;
        }
        try (file) {
            long previous = file.headerLine();
            for (CsvLine line = file.next(); line != null; line = file.next()) {
                assertThat(line.number()).isGreaterThan(previous);
                previous = line.number();
                try {
                    ReplayFile.Line parsed = file.parse(line);
                    assertThat(parsed.number()).isEqualTo(line.number());
                    encode(parsed.event());
                } catch (BadLineException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(name + ":" + e.line() + ": ");
        }
    }

    /** What the producer does next with an event: Avro-encode it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void encode(SpecificRecord event) throws IOException {
        new SpecificDatumWriter(event.getSchema()).write(event, ENCODER);
    }
}
