package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvLineReaderTest {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    /** What a test expects of a record: the physical line it starts on, its raw text, its first field. */
    record Expected(long number, String text, String first) {
    }

    private static List<Expected> readAll(CsvLineReader reader) {
        List<Expected> read = new ArrayList<>();
        for (CsvLine line = reader.next(); line != null; line = reader.next()) {
            read.add(new Expected(line.number(), line.text(), line.fields().get(0)));
        }
        return read;
    }

    private static CsvLineReader reader(String name, byte[] bytes) throws IOException {
        return new CsvLineReader(name, new ByteArrayInputStream(bytes), FORMAT);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    /** The physical lines of the file the line-number tests read; the separators vary. */
    private static final List<String> PHYSICAL = List.of(
            "a,b",
            "",
            "1,x",
            "2,y",
            "",
            "",
            "3,\"two",
            "lines\"",
            "   ",
            "\"4,\"\"q\"\"\",z",
            "5,last");

    private static Expected at(String line, String first) {
        return new Expected(PHYSICAL.indexOf(line) + 1, line, first);
    }

    private static final List<Expected> RECORDS = List.of(
            at("1,x", "1"), at("2,y", "2"), at("3,\"two", "3"), at("   ", ""), at("\"4,\"\"q\"\"\",z", "4,\"q\""),
            at("5,last", "5"));

    @ParameterizedTest(name = "separator {0}, trailing separator {1}, byte order mark {2}, gzip {3}")
    @CsvSource({"LF,true,false,false", "CRLF,true,false,false", "CR,true,false,false", "CRLF,false,true,false",
            "LF,false,false,true", "MIXED,true,true,true"})
    void eachRecordComesWithThePhysicalLineItStartsOnAndItsRawText(String separator, boolean trailing, boolean bom,
                                                                   boolean gzip) throws IOException {
        List<String> separators = List.of("\n", "\r\n", "\r");
        StringBuilder file = new StringBuilder(bom ? "\uFEFF" : "");
        for (int i = 0; i < PHYSICAL.size(); i++) {
            file.append(PHYSICAL.get(i));
            if (i < PHYSICAL.size() - 1 || trailing) {
                file.append(switch (separator) {
                    case "LF" -> "\n";
                    case "CRLF" -> "\r\n";
                    case "CR" -> "\r";
                    default -> separators.get(i % 3);
                });
            }
        }
        byte[] bytes = utf8(file.toString());
        try (CsvLineReader reader = reader(gzip ? "f.csv.gz" : "f.csv", gzip ? gzip(bytes) : bytes)) {
            assertThat(reader.headerNames()).as("no byte order mark in the first name").containsExactly("a", "b");
            assertThat(reader.headerLine()).isEqualTo(1);
            assertThat(readAll(reader)).containsExactlyElementsOf(RECORDS);
        }
    }

    @Test
    void blankLinesBeforeTheHeaderCountAndTheHeaderLineSaysWhereItIs() throws IOException {
        try (CsvLineReader reader = reader("f.csv", utf8("\n\na,b\n1,2\n"))) {
            assertThat(reader.headerLine()).isEqualTo(3);
            assertThat(reader.headerText()).isEqualTo("a,b");
            assertThat(readAll(reader)).containsExactly(new Expected(4, "1,2", "1"));
        }
    }

    @Test
    void theRawTextIsCutToFiveHundredCharacters() throws IOException {
        String longLine = "1," + "x".repeat(2000);
        try (CsvLineReader reader = reader("f.csv", utf8("a,b\n" + longLine + "\n2,y\n"))) {
            CsvLine line = reader.next();
            assertThat(line.text()).isEqualTo(longLine.substring(0, 500));
            assertThat(line.fields().get(1)).as("the field itself is whole").hasSize(2000);
            assertThat(reader.next().number()).isEqualTo(3);
        }
    }

    @Test
    void aRecordOfManyLinesKeepsItsFirstLineAndTheNextRecordItsNumber() throws IOException {
        // Far more than the lines the recorder keeps behind the parser: the middle ones are dropped.
        int inside = 300_000;
        StringBuilder file = new StringBuilder("a,b\n1,\"start\n");
        for (int i = 0; i < inside; i++) {
            file.append("continued\n");
        }
        file.append("end\"\n2,after\n");
        try (CsvLineReader reader = reader("f.csv", utf8(file.toString()))) {
            CsvLine first = reader.next();
            assertThat(first.number()).isEqualTo(2);
            assertThat(first.text()).isEqualTo("1,\"start");
            assertThat(first.fields().get(1).lines().count()).isEqualTo(inside + 2);
            assertThat(reader.next()).extracting(CsvLine::number, CsvLine::text).containsExactly(inside + 4L, "2,after");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void anUnclosedQuoteEndsTheFileAtTheLineItOpensOn() throws IOException {
        StringBuilder file = new StringBuilder("a,b\n1,x\n\n2,\"open\n");
        for (int i = 0; i < 300_000; i++) {
            file.append("more,text\n");
        }
        try (CsvLineReader reader = reader("f.csv", utf8(file.toString()))) {
            assertThat(reader.next().number()).isEqualTo(2);
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(BadFileException.class, e -> {
                assertThat(e.source()).isEqualTo("f.csv");
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.text()).isEqualTo("2,\"open");
                assertThat(e.reason()).startsWith("unreadable CSV (the rest of the file is lost): ")
                        .contains("EOF reached before encapsulated token finished");
                assertThat(e).hasMessageStartingWith("f.csv:4: unreadable CSV");
            });
        }
    }

    @Test
    void anEmptyFileHasNoHeader() {
        for (String content : List.of("", "\n\n\r\n")) {
            assertThatThrownBy(() -> reader("empty.csv", utf8(content)))
                    .isInstanceOfSatisfying(BadFileException.class, e -> {
                        assertThat(e.line()).isEqualTo(1);
                        assertThat(e.reason()).isEqualTo("the file is empty (no header line)");
                        assertThat(e).hasMessage("empty.csv: the file is empty (no header line)");
                    });
        }
    }

    @Test
    void aHeaderCommonsCsvRefusesIsAnUnusableHeader() {
        CSVFormat noDuplicates = FORMAT.builder().setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        assertThatThrownBy(() -> new CsvLineReader("dup.csv", new ByteArrayInputStream(utf8("\na,b,a\n1,2,3\n")), noDuplicates))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.text()).isEqualTo("a,b,a");
                    assertThat(e.reason()).startsWith("unusable header: ").contains("duplicate name");
                });
    }

    @Test
    void aGzipNameOnOtherDataIsRefusedWhole() {
        assertThatThrownBy(() -> reader("plain.csv.gz", utf8("a,b\n1,2\n")))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).startsWith("not gzip data, though the name ends in .gz: ");
                });
    }

    @Test
    void aCutGzipStreamEndsTheFileAfterTheRecordsBeforeTheCut() throws IOException {
        StringBuilder file = new StringBuilder("a,b\n");
        int lines = 50_000;
        for (int i = 0; i < lines; i++) {
            file.append(i).append(",").append(Integer.toHexString(i * 7919)).append('\n');
        }
        byte[] whole = gzip(utf8(file.toString()));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        try (CsvLineReader reader = reader("cut.csv.gz", cut)) {
            long read = 0;
            try {
                for (CsvLine line = reader.next(); line != null; line = reader.next()) {
                    assertThat(line.fields().get(0)).isEqualTo(String.valueOf(read));
                    read++;
                }
                throw new AssertionError("a cut gzip stream read to its end");
            } catch (BadFileException e) {
                assertThat(read).isBetween(1L, lines - 1L);
                assertThat(e.reason()).startsWith("unreadable gzip data (the rest of the file is lost): ");
                assertThat(e.line()).as("the line being read when the data ended").isEqualTo(read + 2);
            }
        }
    }

    @Test
    void aFailingStreamIsAnInputErrorNamingFileAndLineNotABadFile() throws IOException {
        byte[] head = utf8("a,b\n1,2\n3,");
        InputStream failing = new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next < head.length) {
                    return head[next++];
                }
                throw new IOException("disk on fire");
            }
        };
        try (CsvLineReader reader = new CsvLineReader("f.csv", failing, FORMAT)) {
            assertThat(reader.next().number()).isEqualTo(2);
            assertThatThrownBy(reader::next).isExactlyInstanceOf(UncheckedIOException.class)
                    .hasMessage("f.csv:3: disk on fire");
        }
    }
}
