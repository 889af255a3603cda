package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void pricesKeepSixSignificantDigitsAndAtLeastCents() {
        assertThat(ReportFormat.price(43_210.57)).isEqualTo("43,210.57");
        assertThat(ReportFormat.price(187.2)).isEqualTo("187.20");
        assertThat(ReportFormat.price(187.23456)).isEqualTo("187.235");
        assertThat(ReportFormat.price(0.000123456789)).isEqualTo("0.000123457");
        assertThat(ReportFormat.price(1_234_567.891)).isEqualTo("1,234,567.89");
        assertThat(ReportFormat.price(-2.5)).isEqualTo("-2.50");
        assertThat(ReportFormat.price(null)).isEqualTo(ReportFormat.NONE);
        assertThat(ReportFormat.price(Double.NaN)).isEqualTo(ReportFormat.NONE);
    }

    @Test
    void quantitiesShowNoDecimalsTheyDoNotNeed() {
        assertThat(ReportFormat.quantity(1_234_567.0)).isEqualTo("1,234,567");
        assertThat(ReportFormat.quantity(12_345.678)).isEqualTo("12,345.7");
        assertThat(ReportFormat.quantity(0.5)).isEqualTo("0.5");
        assertThat(ReportFormat.count(1_234L)).isEqualTo("1,234");
        assertThat(ReportFormat.count(null)).isEqualTo(ReportFormat.NONE);
    }

    @Test
    void returnsAndVolatilityArePercentages() {
        assertThat(ReportFormat.percent(0.1234)).isEqualTo("12.34\u2009%");
        assertThat(ReportFormat.percent(-0.000512)).isEqualTo("-0.0512\u2009%");
        assertThat(ReportFormat.percent(1.5)).isEqualTo("150.00\u2009%");
        assertThat(ReportFormat.percent(0.0)).isEqualTo("0.00\u2009%");
        assertThat(ReportFormat.percent(null)).isEqualTo(ReportFormat.NONE);
        assertThat(ReportFormat.correlation(-0.8149)).isEqualTo("-0.81");
    }

    @Test
    void timesAreInTheSessionZoneWithTheirOffsetName() {
        // The US went to daylight time on 2024-03-10.
        assertThat(ReportFormat.time(Instant.parse("2024-03-08T21:00:00Z"), NEW_YORK)).isEqualTo("2024-03-08 16:00 EST");
        assertThat(ReportFormat.time(Instant.parse("2024-03-11T20:00:00Z"), NEW_YORK)).isEqualTo("2024-03-11 16:00 EDT");
        assertThat(ReportFormat.time(Instant.parse("2024-03-11T04:00:00Z"), NEW_YORK)).isEqualTo("2024-03-11");
        assertThat(ReportFormat.time(null, NEW_YORK)).isEqualTo(ReportFormat.NONE);
    }

    @Test
    void anAnnualizationFactorShowsAsTheRootItIs() {
        assertThat(ReportFormat.annualization(Math.sqrt(252))).isEqualTo("\u221a252");
        assertThat(ReportFormat.annualization(Math.sqrt(252 * 390))).isEqualTo("\u221a98,280");
        assertThat(ReportFormat.annualization(12.5)).isEqualTo("12.5");
    }
}
