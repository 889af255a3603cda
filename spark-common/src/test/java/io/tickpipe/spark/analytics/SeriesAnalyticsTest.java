package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SeriesAnalyticsTest {
    private static final AnalyticsConfig CONFIG = AnalyticsConfig.builder().intervals("1m").build();

    @Test
    void stateRoundTripsThroughJavaSerialization() throws Exception {
        SeriesAnalytics series = new SeriesAnalytics(CONFIG);
        series.onFinalBar(bar(0, 10), BigDecimal.TEN, BigDecimal.ONE);

        SeriesAnalytics copy = (SeriesAnalytics) read(write(series));

        assertThat(copy.onFinalBar(bar(1, 11), BigDecimal.valueOf(11), BigDecimal.ONE))
                .isEqualTo(series.onFinalBar(bar(1, 11), BigDecimal.valueOf(11), BigDecimal.ONE));
    }

    /**
     * A checkpoint from before an indicator existed deserializes with that indicator's field null (the
     * serialVersionUID did not change); it is refused with the remedy rather than run without it.
     */
    @Test
    void stateWithoutAnIndicatorsFieldIsRefusedNamingTheRemedy() throws Exception {
        for (String indicator : new String[] {"bollinger", "macd", "atr"}) {
            SeriesAnalytics older = new SeriesAnalytics(CONFIG);
            Field field = SeriesAnalytics.class.getDeclaredField(indicator);
            field.setAccessible(true);
            field.set(older, null);
            byte[] checkpoint = write(older);

            assertThatThrownBy(() -> read(checkpoint)).as(indicator).isInstanceOf(InvalidObjectException.class)
                    .hasMessageContaining("before Bollinger Bands, MACD and ATR were computed")
                    .hasMessageContaining("a new --checkpoint-dir");
        }
    }

    private static Bar bar(int minute, double close) {
        return new Bar("AAPL", "1m", minute * 60 * Micros.SECOND, close, close + 1, close - 1, close, 1, 1L, close, true);
    }

    private static byte[] write(Object state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
