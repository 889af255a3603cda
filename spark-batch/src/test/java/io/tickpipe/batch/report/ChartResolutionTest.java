package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.analytics.BarInterval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChartResolutionTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant START = Instant.parse("2024-01-01T05:00:00Z");

    @Test
    void barsThatFitAreDrawnAsTheyAre() {
        DisplayInterval chosen = choose("1m", contiguous(START, Duration.ofMinutes(1), ChartResolution.MAX_CANDLES));

        assertThat(chosen).isEqualTo(DisplayInterval.of(BarInterval.parse("1m")));
        assertThat(chosen.unit()).isEqualTo(DisplayInterval.Unit.FIXED);
        assertThat(DisplayInterval.of(BarInterval.parse("1d")).unit()).isEqualTo(DisplayInterval.Unit.DAY);
    }

    @Test
    void moreBarsGetTheFinestIntervalWhoseCandlesCannotExceedTheLimit() {
        // One bar too many: 1,501 minutes hold 301 five-minute buckets at most.
        assertThat(choose("1m", contiguous(START, Duration.ofMinutes(1), 1_501)).label()).isEqualTo("5m");
        // A year of 1m bars around the clock: 4h would allow 2,191 candles, 6h 1,461.
        assertThat(choose("1m", contiguous(START, Duration.ofMinutes(1), 525_600)).label()).isEqualTo("6h");
        // A day of 1s bars: 30s would allow 2,881, 1m 1,441.
        assertThat(choose("1s", contiguous(START, Duration.ofSeconds(1), 86_400)).label()).isEqualTo("1m");
        // 30 days of 5m bars: 15m would allow 2,881, 30m 1,441.
        assertThat(choose("5m", contiguous(START, Duration.ofMinutes(5), 8_640)).label()).isEqualTo("30m");
        // Ten years of daily bars: weeks; forty years: months.
        assertThat(choose("1d", weekdays(LocalDate.of(2014, 1, 1), 10)).label()).isEqualTo("1w");
        assertThat(choose("1d", weekdays(LocalDate.of(1984, 1, 1), 40)).label()).isEqualTo("1mo");
        // 7m bars: no intraday step is a multiple of 7 minutes, so days.
        assertThat(choose("7m", contiguous(START, Duration.ofMinutes(7), 3_000)).label()).isEqualTo("1d");
    }

    @Test
    void theBoundHoldsForEveryIntervalOverDaylightSavingChanges() {
        List<List<Instant>> series = List.of(
                contiguous(START, Duration.ofMinutes(1), 525_600),
                sessions(LocalDate.of(2024, 1, 2), 120),
                weekdays(LocalDate.of(2014, 1, 1), 10));
        for (List<Instant> bars : series) {
            Instant first = bars.get(0);
            Instant last = bars.get(bars.size() - 1);
            for (DisplayInterval interval : DisplayInterval.LADDER) {
                long candles = distinctBuckets(bars, interval);
                assertThat(candles).as(interval + " over " + first + " - " + last)
                        .isLessThanOrEqualTo(ChartResolution.candleBound(interval, bars.size(), first, last));
            }
        }
    }

    @Test
    void theChosenIntervalHoldsAtMostTheLimit() {
        for (List<Instant> bars : List.of(contiguous(START, Duration.ofMinutes(1), 525_600),
                sessions(LocalDate.of(2023, 1, 2), 365))) {
            DisplayInterval chosen = choose("1m", bars);
            assertThat(distinctBuckets(bars, chosen)).as(chosen.label()).isLessThanOrEqualTo(ChartResolution.MAX_CANDLES);
        }
        List<Instant> days = weekdays(LocalDate.of(1984, 1, 1), 40);
        assertThat(distinctBuckets(days, choose("1d", days))).isLessThanOrEqualTo(ChartResolution.MAX_CANDLES);
    }

    @Test
    void aChartOfNoCandlesIsRefused() {
        assertThatThrownBy(() -> ChartResolution.choose(BarInterval.parse("1m"), 10, START, START, 0))
                .hasMessage("a chart must hold at least one candle, not 0");
    }

    private static DisplayInterval choose(String interval, List<Instant> bars) {
        return ChartResolution.choose(BarInterval.parse(interval), bars.size(), bars.get(0), bars.get(bars.size() - 1));
    }

    private static long distinctBuckets(List<Instant> bars, DisplayInterval interval) {
        Set<Instant> starts = new HashSet<>();
        bars.forEach(t -> starts.add(ExpectedBuckets.start(t, interval, NEW_YORK)));
        return starts.size();
    }

    private static List<Instant> contiguous(Instant start, Duration step, int count) {
        List<Instant> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bars.add(start.plus(step.multipliedBy(i)));
        }
        return bars;
    }

    /** 1m bars of the regular session, 09:30-16:00 New York, on the weekdays of {@code days} days. */
    private static List<Instant> sessions(LocalDate from, int days) {
        List<Instant> bars = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(from.plusDays(days)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
                Instant open = d.atTime(LocalTime.of(9, 30)).atZone(NEW_YORK).toInstant();
                bars.addAll(contiguous(open, Duration.ofMinutes(1), 390));
            }
        }
        return bars;
    }

    /** Daily bars (session days in New York) on the weekdays of {@code years} years. */
    private static List<Instant> weekdays(LocalDate from, int years) {
        List<Instant> bars = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(from.plusYears(years)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
                bars.add(d.atStartOfDay(NEW_YORK).toInstant());
            }
        }
        return bars;
    }
}
