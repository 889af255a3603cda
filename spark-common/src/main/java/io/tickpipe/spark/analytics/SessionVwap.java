package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * VWAP since the session open, over final bars of one symbol and interval. A bar belongs to the
 * session in which its start falls. The sums are exact, like the bars', so the value does not depend
 * on how the input was split.
 */
public final class SessionVwap implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SessionCalendar calendar;
    private long session = Long.MIN_VALUE;
    private BigDecimal notional = BigDecimal.ZERO;
    private BigDecimal volume = BigDecimal.ZERO;
    private boolean notionalKnown = true;

    /** Session VWAP over {@code calendar}'s sessions. */
    public SessionVwap(SessionCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * Adds the next final bar (in start order) by its exact notional and volume; returns the session
     * VWAP including it, null while the session has no volume, and null for the rest of a session
     * in which a bar's notional was unknown (a bar from a bar file).
     */
    public Double add(long barStartMicros, BigDecimal barNotional, BigDecimal barVolume) {
        long barSession = calendar.sessionStart(barStartMicros);
        if (barSession != session) {
            session = barSession;
            notional = BigDecimal.ZERO;
            volume = BigDecimal.ZERO;
            notionalKnown = true;
        }
        if (barNotional == null) {
            notionalKnown = false;
        }
        if (!notionalKnown) {
            return null;
        }
        notional = notional.add(barNotional);
        volume = volume.add(barVolume);
        return ExactRatio.of(notional, volume);
    }
}
