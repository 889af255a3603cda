package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.spark.testing.TextbookIndicators;
import java.util.List;

/**
 * Bollinger Bands, MACD and ATR of one series of bars by their textbook definitions
 * ({@link TextbookIndicators}, independent of the streaming classes); {@link #check} compares one
 * bar's values, nulls where the definition has none yet.
 */
final class PlainIndicators {
    /** Doubles summed in another order differ in their last bits; the values are prices of about 100. */
    private static final double TOLERANCE = 1e-9;

    private final TextbookIndicators expected;

    private PlainIndicators(TextbookIndicators expected) {
        this.expected = expected;
    }

    static PlainIndicators of(List<Bar> bars, int bbPeriod, double bbWidth, int fast, int slow, int signalPeriod, int atrPeriod) {
        return new PlainIndicators(TextbookIndicators.of(bars.stream().mapToDouble(Bar::high).toArray(),
                bars.stream().mapToDouble(Bar::low).toArray(), bars.stream().mapToDouble(Bar::close).toArray(),
                bbPeriod, bbWidth, fast, slow, signalPeriod, atrPeriod));
    }

    void check(int i, IndicatorValues got, String at) {
        TextbookIndicators.Values want = expected.at(i);
        if (want.middle() == null) {
            assertThat(got.bollinger()).as("bands of %s", at).isNull();
        } else {
            BollingerBands.Bands b = got.bollinger();
            assertThat(b).as("bands of %s", at).isNotNull();
            assertThat(b.middle()).as("middle band of %s", at).isCloseTo(want.middle(), within(TOLERANCE));
            assertThat(b.upper()).as("upper band of %s", at).isCloseTo(want.upper(), within(TOLERANCE));
            assertThat(b.lower()).as("lower band of %s", at).isCloseTo(want.lower(), within(TOLERANCE));
            assertThat(b.bandwidth()).as("bandwidth of %s", at).isCloseTo(want.bandwidth(), within(TOLERANCE));
            if (want.percentB() == null) {
                assertThat(b.percentB()).as("%%B of %s", at).isNull();
            } else {
                // %B divides by the bands' width: a narrow band magnifies the rounding of its ends.
                assertThat(b.percentB()).as("%%B of %s", at).isCloseTo(want.percentB(), within(1e-6));
            }
        }
        if (want.macd() == null) {
            assertThat(got.macd()).as("MACD of %s", at).isNull();
        } else {
            assertThat(got.macd().macd()).as("MACD of %s", at).isCloseTo(want.macd(), within(TOLERANCE));
            if (want.signal() == null) {
                assertThat(got.macd().signal()).as("signal of %s", at).isNull();
                assertThat(got.macd().histogram()).as("histogram of %s", at).isNull();
            } else {
                assertThat(got.macd().signal()).as("signal of %s", at).isCloseTo(want.signal(), within(TOLERANCE));
                assertThat(got.macd().histogram()).as("histogram of %s", at).isCloseTo(want.histogram(), within(TOLERANCE));
            }
        }
        if (want.atr() == null) {
            assertThat(got.atr()).as("ATR of %s", at).isNull();
        } else {
            assertThat(got.atr()).as("ATR of %s", at).isCloseTo(want.atr(), within(TOLERANCE));
        }
    }
}
