/**
 * Per-symbol statistics and the return correlation matrix of historical bars, as pure Spark
 * functions of the bars and anomalies {@code MarketAnalytics} gives: {@link
 * io.tickpipe.batch.statistics.SymbolStatistics#summary} (the {@code summary} table) and {@link
 * io.tickpipe.batch.statistics.ReturnCorrelation#matrix} (the {@code correlation} table).
 *
 * <h2>Definitions</h2>
 * Over a symbol's bars of the summary interval ({@code 1d} by default), in time order:
 * <ul>
 * <li>{@code first_time}: the first bar's start; {@code last_time}: the last bar's end, its start
 *     plus the interval (a day interval: the same local time that many calendar days later in the
 *     session zone, so a day that changes to or from daylight saving time is 23 or 25 hours long).</li>
 * <li>{@code open}: the first bar's open; {@code close}: the last bar's close; {@code high},
 *     {@code low}: the highest high and lowest low; {@code volume}: the sum of the volumes;
 *     {@code bar_count}: the number of bars.</li>
 * <li>{@code trade_count}: the sum of the bars' trade counts, null if any bar has none (bars read
 *     from vendor bar files have none). {@code vwap}: {@code sum(vwap * volume) / sum(volume)}, null if
 *     any bar has no VWAP or the volume is 0.</li>
 * <li>{@code total_return}: {@code close / open - 1}.</li>
 * <li>Log return of a bar: {@code ln(close / previous close)}, the previous close being that of the
 *     symbol's previous bar present; a gap of missing bars makes one return over the gap. The first
 *     bar has none. {@code log_return_mean}: their mean (null without a return);
 *     {@code log_return_stddev}: their sample standard deviation (divisor {@code n - 1}), null with
 *     fewer than 2 returns.</li>
 * <li>{@code annualized_volatility}: {@code log_return_stddev * annualization_factor}, with
 *     {@code annualization_factor = sqrt(periods per year)} and 252 trading days a year:
 *     <ul>
 *     <li>an interval of a day or more: {@code 252 * 1d / interval} periods ({@code 1d}: sqrt(252),
 *         {@code 2d}: sqrt(126));</li>
 *     <li>an intraday interval: {@code 252 * trading day / interval} periods, the trading day being
 *         24 hours by default ({@code 1m}: sqrt(252 * 1440)) or the session's length when set
 *         ({@code 1m} with 6.5 hours: sqrt(252 * 390)); an interval at least as long as the trading
 *         day counts one period per trading day.</li>
 *     </ul>
 *     A return over a gap spans more than one interval yet counts as one period, as in the standard
     deviation it enters: volatility over gappy bars reads somewhat high.</li>
 * <li>{@code max_drawdown}: the largest fall of a close below the highest close before it, as a
 *     fraction of that high, {@code (peak - close) / peak}; 0 when the closes never fall.
 *     {@code drawdown_trough_time}: the start of the bar of that close (the first one, if equally deep
 *     drawdowns recur); {@code drawdown_peak_time}: the start of the last bar before it at the peak
 *     close. Both null when {@code max_drawdown} is 0.</li>
 * <li>{@code anomalies}: the number of the symbol's anomalies in every analysed interval, not only the
 *     summary interval; {@code anomalies_by_kind}: the same by {@code <interval>/<kind>}, e.g.
 *     {@code 1m/return} (empty, not null, without anomalies).</li>
 * </ul>
 * {@code correlation}, for every ordered pair of symbols with the diagonal: the Pearson correlation of
 * the two symbols' log returns (as above) at the times where both have one, null with fewer than 3
 * such times ({@code observations}) or when either side's returns are constant.
 *
 * <p>Opens and closes must be positive numbers: a bar with another one fails the job with a message
 * naming it.
 */
package io.tickpipe.batch.statistics;
