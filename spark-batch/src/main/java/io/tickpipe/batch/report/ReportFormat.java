package io.tickpipe.batch.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the report writes numbers and times: prices to six significant digits but never fewer than two
 * decimals (so 43,210.57 keeps its cents and 0.000123457 its digits), quantities to six significant
 * digits, returns and volatility as percentages, times in the session zone. Absent or non-finite values
 * are an em dash. The page's script formats its tooltips the same way.
 */
public final class ReportFormat {
    /** What stands for a value that is absent or not a number. */
    public static final String NONE = "\u2014";
    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);
    private static final MathContext THREE = new MathContext(3, RoundingMode.HALF_EVEN);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private ReportFormat() {
    }

    /** A price: 6 significant digits, at least 2 decimals, thousands grouped. */
    public static String price(Double value) {
        return decimal(value, SIX, 2);
    }

    /** A volume or other quantity: 6 significant digits, no decimals it does not need. */
    public static String quantity(Double value) {
        return decimal(value, SIX, 0);
    }

    /** A whole count, thousands grouped. */
    public static String count(Long value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", value);
    }

    /** A fraction as a percentage: 0.1234 is {@code 12.34 %}; 3 significant digits, at least 2 decimals. */
    public static String percent(Double fraction) {
        if (fraction == null || !Double.isFinite(fraction)) {
            return NONE;
        }
        return decimal(fraction * 100, THREE, 2) + "\u2009%";
    }

    /** A correlation coefficient: two decimals. */
    public static String correlation(Double r) {
        return r == null || !Double.isFinite(r) ? NONE : String.format(Locale.ROOT, "%.2f", r);
    }

    /** A time in {@code zone}: the date alone at local midnight, else date, time and zone abbreviation. */
    public static String time(Instant instant, ZoneId zone) {
        if (instant == null) {
            return NONE;
        }
        ZonedDateTime local = instant.atZone(zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE.format(local) : DATE_TIME.format(local);
    }

    /**
     * An annualisation factor, as the square root it usually is ({@code √252}), else its value.
     */
    public static String annualization(double factor) {
        double square = factor * factor;
        long whole = Math.round(square);
        if (whole > 0 && Math.abs(square - whole) < 1e-6 * whole) {
            return "\u221a" + String.format(Locale.ROOT, "%,d", whole);
        }
        return decimal(factor, SIX, 0);
    }

    private static String decimal(Double value, MathContext digits, int minDecimals) {
        if (value == null || !Double.isFinite(value)) {
            return NONE;
        }
        BigDecimal exact = new BigDecimal(value);
        int scale = Math.max(minDecimals, exact.round(digits).stripTrailingZeros().scale());
        BigDecimal shown = exact.setScale(scale, RoundingMode.HALF_EVEN);
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format.format(shown);
    }
}
