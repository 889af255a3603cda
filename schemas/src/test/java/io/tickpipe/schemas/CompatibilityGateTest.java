package io.tickpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {
    private static final Path AVRO = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("history");
    private static final Path LEVELS = Path.of("src/main/resources/io/tickpipe/market/compatibility.properties");

    @TempDir
    Path work;
    private Path avro;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void copyTheRealSchemas() throws IOException {
        avro = Files.createDirectories(work.resolve("avro"));
        for (String name : List.of("Trade.avsc", "Quote.avsc")) {
            Files.copy(AVRO.resolve(name), avro.resolve(name));
        }
    }

    private void editTrade(String from, String to) throws IOException {
        String text = Files.readString(avro.resolve("Trade.avsc"));
        assertThat(text).contains(from);
        Files.writeString(avro.resolve("Trade.avsc"), text.replace(from, to));
    }

    @Test
    void theShippedSchemasKeepTheirLevels() {
        assertThat(CompatibilityGate.check(AVRO, HISTORY, LEVELS, log::add)).isEmpty();
        assertThat(log).anySatisfy(line -> assertThat(line).contains("io.tickpipe.market.Trade keeps FULL_TRANSITIVE against [v1, v2]"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("io.tickpipe.market.Quote keeps FULL_TRANSITIVE against [v1]"));
    }

    @Test
    void aNewFieldWithoutDefaultIsRefusedNamingFieldAndRule() throws IOException {
        editTrade("\"name\": \"currency\"", "\"name\": \"venue\", \"type\": \"string\"}, {\"name\": \"currency\"");
        List<String> problems = CompatibilityGate.check(avro, HISTORY, LEVELS, log::add);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("io.tickpipe.market.Trade (Trade.avsc) breaks FULL_TRANSITIVE: BACKWARD")
                .contains("against v1").contains("field 'Trade.venue'").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(problems.get(1)).contains("against v2").contains("field 'Trade.venue'");
    }

    @Test
    void aChangedTypeBreaksBothDirections() throws IOException {
        editTrade("{\"name\": \"price\", \"type\": \"double\"", "{\"name\": \"price\", \"type\": \"string\"");
        List<String> problems = CompatibilityGate.check(avro, HISTORY, LEVELS, log::add);
        assertThat(problems).hasSize(4).allSatisfy(p -> assertThat(p).contains("field 'Trade.price'").contains("TYPE_MISMATCH"));
        assertThat(problems).filteredOn(p -> p.contains("FORWARD")).hasSize(2);
    }

    @Test
    void removingAFieldWithoutDefaultBreaksForward() throws IOException {
        editTrade("    {\"name\": \"exchange\", \"type\": \"string\", \"doc\": \"Venue code (MIC or the feed's own code).\"},\n", "");
        List<String> problems = CompatibilityGate.check(avro, HISTORY, LEVELS, log::add);
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("FORWARD").contains("field 'Trade.exchange'"));
    }

    @Test
    void aSchemaWithoutDeclaredLevelOrHistoryIsRefused() throws IOException {
        Files.writeString(avro.resolve("Bar.avsc"),
                "{\"type\":\"record\",\"name\":\"Bar\",\"namespace\":\"io.tickpipe.market\",\"fields\":[]}");
        Path levels = work.resolve("levels.properties");
        Files.writeString(levels, Files.readString(LEVELS) + "\nio.tickpipe.market.Bar=BACKWARD\n");
        assertThat(CompatibilityGate.check(avro, HISTORY, levels, log::add))
                .containsExactly("io.tickpipe.market.Bar: no released version under history/bar/ (add v1.avsc)");
        assertThat(CompatibilityGate.check(avro, HISTORY, LEVELS, log::add))
                .containsExactly("io.tickpipe.market.Bar (Bar.avsc): no compatibility level declared in compatibility.properties");
    }

    @Test
    void theBuildEntryPointFailsWithTheProblems() throws IOException {
        editTrade("\"name\": \"currency\"", "\"name\": \"venue\", \"type\": \"string\"}, {\"name\": \"currency\"");
        assertThatThrownBy(() -> CompatibilityGate.main(new String[] {avro.toString(), HISTORY.toString(), LEVELS.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("schema compatibility gate failed:")
                .hasMessageContaining("field 'Trade.venue'");
    }
}
