package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickpipe.files.Symbols;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Fuzz target of {@link FinnhubMessages#parse}: any bytes as a text message of Finnhub's websocket
 * (UTF-8, as websocket text is). Parsing ends in a message or {@link FinnhubMessages.Malformed}
 * (which the source counts and skips), nothing else; every print of a trade message has a symbol,
 * a positive price, a volume, and a time the producer can send (its Trade encodes with the Avro
 * schema). Any other exception, a hang or unbounded memory is a finding.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/producer/source/FinnhubMessagesFuzzTestInputs/message/};
 * {@code make fuzz} fuzzes it (docs/testing.md#fuzzing).
 */
class FinnhubMessagesFuzzTest {
    private static final SpecificDatumWriter<Trade> WRITER = new SpecificDatumWriter<>(Trade.class);
    private static final BinaryEncoder ENCODER = EncoderFactory.get().binaryEncoder(OutputStream.nullOutputStream(), null);

    @FuzzTest
    void message(byte[] bytes) throws IOException {
        FinnhubMessages.Message message;
        try {
            message = FinnhubMessages.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (FinnhubMessages.Malformed e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (message instanceof FinnhubMessages.Trades trades) {
            for (FinnhubMessages.Print print : trades.prints()) {
                assertThat(Symbols.normalise(print.symbol())).isEqualTo(print.symbol());
                assertThat(print.price()).isPositive().isFinite();
                assertThat(print.volume()).isNotNegative().isFinite();
                // The fields FinnhubSource.next() sets, with the values that vary.
                WRITER.write(Trade.newBuilder().setSymbol(print.symbol()).setPrice(print.price())
                        .setSize(print.volume()).setEventTime(print.time()).setTradeId(print.symbol() + "-0")
                        .setExchange("FINNHUB").setConditions(print.conditions()).setSequence(0).setCurrency("USD")
                        .build(), ENCODER);
            }
        }
    }
}
