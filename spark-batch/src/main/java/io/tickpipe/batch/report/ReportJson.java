package io.tickpipe.batch.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON form of a {@link ReportModel} that the page embeds and its script draws from.
 *
 * <p>Names are snake_case, as the Parquet tables' columns. Candles and anomaly marks are arrays
 * ({@code [time, open, high, low, close, volume]}, {@code [time, kind, score, close]}): they are most of
 * the file, and keys repeated on each would make it half as large again; so are the correlation cells
 * ({@code [symbol_a, symbol_b, correlation, observations]}). Instants are ISO-8601 strings.
 *
 * <p>{@code <}, {@code >} and {@code &} are written as {@code \}{@code u003c}-style escapes, and so are
 * U+2028 and U+2029: the JSON sits inside a {@code <script>} element, where {@code </script>} in a
 * symbol or a note would end it and {@code <!--} would change how the HTML parser reads it.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // JSON has no NaN: a summary statistic that is not a number is written as the string "NaN".
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .addMixIn(Candle.class, CandleAsArray.class)
            .addMixIn(AnomalyMark.class, AnomalyMarkAsArray.class)
            .addMixIn(CorrelationMatrix.Cell.class, CellAsArray.class)
            .build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private ReportJson() {
    }

    /** Writes {@code model} to {@code out}, leaving {@code out} open. */
    public static void write(ReportModel model, Writer out) {
        try {
            MAPPER.writeValue(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report's data", e);
        }
    }

    /** {@code model} as JSON. */
    public static String toJson(ReportModel model) {
        try {
            return MAPPER.writeValueAsString(model);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report's data", e);
        }
    }

    /** The model that {@code json}, as {@link #write} wrote it, holds. */
    public static ReportModel read(String json) {
        try {
            return MAPPER.readValue(json, ReportModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not the JSON of a report: " + e.getMessage(), e);
        }
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"time", "open", "high", "low", "close", "volume"})
    private interface CandleAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"time", "kind", "score", "close"})
    private interface AnomalyMarkAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"symbol_a", "symbol_b", "correlation", "observations"})
    private interface CellAsArray {
    }

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        ScriptSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Line and paragraph separators: a line terminator in JavaScript source before ES2019.
            if (ch == '\u2028') {
                return new SerializedString("\\u2028");
            }
            if (ch == '\u2029') {
                return new SerializedString("\\u2029");
            }
            return null;
        }
    }
}
