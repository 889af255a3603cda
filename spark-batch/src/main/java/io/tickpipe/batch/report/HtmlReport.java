package io.tickpipe.batch.report;

import static io.tickpipe.batch.report.Html.escape;
import static io.tickpipe.batch.report.ReportFormat.count;
import static io.tickpipe.batch.report.ReportFormat.percent;
import static io.tickpipe.batch.report.ReportFormat.price;
import static io.tickpipe.batch.report.ReportFormat.quantity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the report as one HTML file that works offline: Apache ECharts (from its WebJar) and the
 * page's own script and style are inlined, the model is embedded as JSON ({@link ReportJson}), and
 * nothing is loaded from anywhere. Text, tables and figures are written here; the script draws the
 * charts from the JSON.
 *
 * <p>The page: a header and an overview table of the symbols, per symbol its chart (candles, volume,
 * session VWAP, SMA and EMA, anomalies marked, RSI from 0 to 100 with lines at 30 and 70, zoomable) and
 * its summary, the correlation heat map, what was analysed and what was rejected.
 *
 * <p>For tests and tools, once the script has drawn a chart it writes to the chart's element
 * {@code data-series-points} and {@code data-series-defined}, e.g. {@code candles:390,volume:390,...}:
 * per series (by id) the number of points ECharts holds, and of those that have a value. When every
 * chart has been drawn once it sets {@code data-rendered="true"} on {@code body}, with
 * {@code data-resources} the number of resources the page loaded (none, offline); a script error sets
 * {@code data-error}. Charts off screen are released and drawn again when scrolled to, so a report of
 * many symbols holds only the visible ones in memory.
 */
public final class HtmlReport {
    /** Fill of a candle that closed at or above its open. */
    public static final String UP_COLOR = "#26a69a";
    /** Fill of a candle that closed below its open. */
    public static final String DOWN_COLOR = "#ef5350";

    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</(script)");
    private static final Pattern COMMENT_OPEN = Pattern.compile("<!--");

    private HtmlReport() {
    }

    /** Writes the report of {@code model} to {@code file}, replacing it. */
    public static void write(ReportModel model, Path file) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the report of {@code model} to {@code out}, leaving it open. */
    public static void write(ReportModel model, Writer out) throws IOException {
        RunInfo run = model.run();
        ZoneId zone = run.sessionZone();
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<title>" + escape(title(model)) + "</title>\n<style>\n:root { --up: " + UP_COLOR + "; --down: "
                + DOWN_COLOR + "; }\n");
        out.write(resource("report.css"));
        out.write("</style>\n</head>\n<body>\n");
        header(model, out);
        out.write("<main>\n");
        overview(model, out);
        for (int i = 0; i < model.symbols().size(); i++) {
            symbol(model.symbols().get(i), i, run, out);
        }
        correlation(model.correlation(), out);
        analysed(run, out);
        rejects(model.rejects(), out);
        out.write("</main>\n<footer>Written by tickpipe spark-batch at " + escape(ReportFormat.time(run.generatedAt(), zone))
                + ". Charts: Apache ECharts " + escape(echartsVersion()) + ", inlined.</footer>\n");
        out.write("<script type=\"application/json\" id=\"report-data\">");
        ReportJson.write(model, out);
        out.write("</script>\n<script>\n");
        out.write(inlineScript(echarts()));
        out.write("\n</script>\n<script>\n");
        out.write(resource("report.js"));
        out.write("</script>\n</body>\n</html>\n");
    }

    /** The ECharts version the report inlines, from its WebJar's Maven metadata. */
    public static String echartsVersion() {
        Properties pom = new Properties();
        try (InputStream in = classpath(WEBJAR_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + WEBJAR_POM, e);
        }
        return pom.getProperty("version");
    }

    /**
     * {@code script} made safe to inline in a {@code <script>} element: {@code </script} and
     * {@code <!--} can only occur inside JavaScript strings, regular expressions and comments, where
     * {@code <\/script} and {@code <\!--} mean the same, and the HTML parser no longer sees them.
     */
    static String inlineScript(String script) {
        String safe = SCRIPT_END.matcher(script).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
        return COMMENT_OPEN.matcher(safe).replaceAll(Matcher.quoteReplacement("<\\!--"));
    }

    private static String echarts() {
        return text(WEBJAR + echartsVersion() + "/dist/echarts.min.js");
    }

    private static String title(ReportModel model) {
        RunInfo run = model.run();
        return "Historical analysis \u00b7 " + model.symbols().size() + (model.symbols().size() == 1 ? " symbol" : " symbols")
                + " \u00b7 " + ReportFormat.time(run.first(), run.sessionZone()) + " \u2013 "
                + ReportFormat.time(run.last(), run.sessionZone());
    }

    private static void header(ReportModel model, Writer out) throws IOException {
        RunInfo run = model.run();
        ZoneId zone = run.sessionZone();
        out.write("<header>\n<div class=\"wrap\">\n<h1>Historical analysis</h1>\n<p class=\"facts\">");
        out.write(String.join(" <span class=\"sep\">\u00b7</span> ",
                escape(model.symbols().size() + (model.symbols().size() == 1 ? " symbol" : " symbols")),
                escape(ReportFormat.time(run.first(), zone) + " \u2013 " + ReportFormat.time(run.last(), zone)),
                escape("bars " + String.join(", ", run.barIntervals())),
                escape("statistics at " + run.summaryInterval()),
                escape(zone.getId())));
        out.write("</p>\n");
        if (!run.notes().isEmpty()) {
            out.write("<ul class=\"notes\">");
            for (String note : run.notes()) {
                out.write("<li>" + escape(note) + "</li>");
            }
            out.write("</ul>\n");
        }
        out.write("</div>\n</header>\n");
    }

    private static void overview(ReportModel model, Writer out) throws IOException {
        ZoneId zone = model.run().sessionZone();
        out.write("<section id=\"overview\" class=\"card\">\n<h2>Symbols</h2>\n<div class=\"scroll\"><table class=\"grid\">\n"
                + "<thead><tr><th>Symbol</th><th>From</th><th>To</th><th class=\"num\">Bars</th>"
                + "<th class=\"num\">Close</th><th class=\"num\">Total return</th><th class=\"num\">Ann. volatility</th>"
                + "<th class=\"num\">Max drawdown</th><th class=\"num\">Anomalies</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < model.symbols().size(); i++) {
            SummaryRow s = model.symbols().get(i).summary();
            out.write("<tr><td><a href=\"#symbol-" + i + "\">" + escape(s.symbol()) + "</a></td>"
                    + "<td>" + escape(ReportFormat.time(s.firstTime(), zone)) + "</td>"
                    + "<td>" + escape(ReportFormat.time(s.lastTime(), zone)) + "</td>"
                    + "<td class=\"num\">" + count(s.barCount()) + " \u00d7 " + escape(s.interval()) + "</td>"
                    + "<td class=\"num\">" + price(s.close()) + "</td>"
                    + "<td class=\"num " + sign(s.totalReturn()) + "\">" + percent(s.totalReturn()) + "</td>"
                    + "<td class=\"num\">" + percent(s.annualizedVolatility()) + "</td>"
                    + "<td class=\"num" + (s.maxDrawdown() != null && s.maxDrawdown() != 0 ? " neg" : "") + "\">"
                    + drawdown(s.maxDrawdown()) + "</td>"
                    + "<td class=\"num\">" + count(s.anomalies()) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table></div>\n</section>\n");
    }

    private static void symbol(SymbolReport s, int index, RunInfo run, Writer out) throws IOException {
        SummaryRow sum = s.summary();
        ZoneId zone = run.sessionZone();
        out.write("<section class=\"symbol card\" id=\"symbol-" + index + "\">\n<div class=\"symbol-head\"><h2>"
                + escape(s.symbol()) + "</h2><span class=\"last\">" + price(sum.close()) + "</span><span class=\"chg "
                + sign(sum.totalReturn()) + "\">" + signed(sum.totalReturn()) + "</span><span class=\"badge\">"
                + escape(candleNote(s)) + "</span></div>\n");
        StringBuilder notes = new StringBuilder();
        if (!s.chartInterval().equals(s.barInterval())) {
            notes.append("<li>").append(escape(count((long) s.candles().size()) + " candles of " + s.chartInterval()
                    + ", aggregated from " + s.barInterval() + " bars to fit the screen; VWAP, SMA, EMA and RSI are those of the "
                    + s.barInterval() + " bars at each candle's last bar.")).append("</li>");
        }
        if (s.anomaliesCapped()) {
            notes.append("<li>").append(escape("Marked: the " + count((long) s.anomalies().size()) + " anomalies with the largest |score| of "
                    + count(s.anomalyCount()) + ".")).append("</li>");
        }
        if (!notes.isEmpty()) {
            out.write("<ul class=\"chart-notes\">" + notes + "</ul>\n");
        }
        out.write("<div class=\"chart\" data-chart=\"symbol\" data-index=\"" + index + "\" data-symbol=\""
                + escape(s.symbol()) + "\"></div>\n");
        out.write("<div class=\"stats\">\n<div><h3>Prices</h3><dl>\n");
        stat(out, "Open", price(sum.open()));
        stat(out, "High", price(sum.high()));
        stat(out, "Low", price(sum.low()));
        stat(out, "Close", price(sum.close()));
        stat(out, "VWAP", price(sum.vwap()));
        out.write("</dl></div>\n<div><h3>Activity</h3><dl>\n");
        stat(out, "From (first bar's start)", ReportFormat.time(sum.firstTime(), zone));
        stat(out, "To (last bar's end)", ReportFormat.time(sum.lastTime(), zone));
        stat(out, "Bars", count(sum.barCount()) + " \u00d7 " + sum.interval());
        stat(out, "Volume", quantity(sum.volume()));
        stat(out, "Trades", count(sum.tradeCount()));
        stat(out, "Anomalies", count(sum.anomalies()) + (sum.anomaliesByKind().isEmpty() ? "" : " ("
                + sum.anomaliesByKind().entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue()))
                .collect(Collectors.joining(", ")) + ")"));
        out.write("</dl></div>\n<div><h3>Returns and risk</h3><dl>\n");
        stat(out, "Total return", percent(sum.totalReturn()));
        stat(out, "Mean log return (" + sum.interval() + ")", percent(sum.logReturnMean()));
        stat(out, "Std. dev. of log returns (" + sum.interval() + ")", percent(sum.logReturnStddev()));
        stat(out, "Annualised volatility (\u00d7" + ReportFormat.annualization(sum.annualizationFactor()) + ")",
                percent(sum.annualizedVolatility()));
        stat(out, "Max drawdown", drawdown(sum.maxDrawdown()));
        stat(out, "Drawdown peak", ReportFormat.time(sum.drawdownPeakTime(), zone));
        stat(out, "Drawdown trough", ReportFormat.time(sum.drawdownTroughTime(), zone));
        out.write("</dl></div>\n</div>\n</section>\n");
    }

    private static String candleNote(SymbolReport s) {
        return s.chartInterval().equals(s.barInterval()) ? s.barInterval() + " candles"
                : s.barInterval() + " bars \u2192 " + s.chartInterval() + " candles";
    }

    private static void stat(Writer out, String label, String value) throws IOException {
        out.write("<div><dt>" + escape(label) + "</dt><dd>" + escape(value) + "</dd></div>\n");
    }

    private static void correlation(CorrelationMatrix m, Writer out) throws IOException {
        out.write("<section id=\"correlation\" class=\"card\">\n<h2>Correlation of log returns</h2>\n");
        if (m.symbols().size() < 2) {
            out.write("<p class=\"muted\">One symbol: no correlation to show.</p>\n</section>\n");
            return;
        }
        long undefined = (long) m.cells().size() - m.definedCells();
        out.write("<p class=\"muted\">Pearson correlation of the symbols' log returns at the summary interval, "
                + "over the returns they have in common." + (undefined > 0 ? " Cells marked \u2014 (" + count(undefined)
                + ") are undefined: too few common returns, or a series that does not move." : "") + "</p>\n");
        out.write("<div class=\"heatmap\" data-chart=\"correlation\"></div>\n</section>\n");
    }

    private static void analysed(RunInfo run, Writer out) throws IOException {
        ZoneId zone = run.sessionZone();
        out.write("<section id=\"analysed\" class=\"card\">\n<h2>What was analysed</h2>\n<dl class=\"facts-list\">\n");
        out.write("<dt>Input</dt><dd><ul>" + run.inputs().stream().map(i -> "<li><code>" + escape(i) + "</code></li>")
                .collect(Collectors.joining()) + "</ul></dd>\n");
        fact(out, "Range", ReportFormat.time(run.first(), zone) + " \u2013 " + ReportFormat.time(run.last(), zone)
                + " (bar starts)");
        fact(out, "Bar intervals", String.join(", ", run.barIntervals()));
        fact(out, "Summary interval", run.summaryInterval());
        fact(out, "Session zone", zone.getId() + " (daily bars, session VWAP and the times shown)");
        IndicatorPeriods p = run.periods();
        fact(out, "Indicators", "SMA " + p.sma() + ", EMA " + p.ema() + ", RSI " + p.rsi() + ", Bollinger Bands "
                + p.bollinger() + " \u00b1 " + ReportFormat.quantity(p.bollingerWidth()) + "\u03c3, MACD " + p.macdFast() + ", "
                + p.macdSlow() + ", " + p.macdSignal() + ", ATR " + p.atr() + " (bars)");
        fact(out, "Charts", "at most " + count((long) ChartResolution.MAX_CANDLES) + " candles and "
                + count((long) ChartDownsampling.ANOMALY_CAP) + " anomaly marks per symbol");
        if (!run.notes().isEmpty()) {
            out.write("<dt>Notes</dt><dd><ul>" + run.notes().stream().map(n -> "<li>" + escape(n) + "</li>")
                    .collect(Collectors.joining()) + "</ul></dd>\n");
        }
        fact(out, "Generated", ReportFormat.time(run.generatedAt(), zone));
        out.write("</dl>\n</section>\n");
    }

    private static void fact(Writer out, String label, String value) throws IOException {
        out.write("<dt>" + escape(label) + "</dt><dd>" + escape(value) + "</dd>\n");
    }

    private static void rejects(RejectedInput rejects, Writer out) throws IOException {
        out.write("<section id=\"rejects\" class=\"card\">\n<h2>Rejected input</h2>\n");
        long total = rejects.total();
        if (total == 0) {
            out.write("<p class=\"muted\">None: every line and record read was used.</p>\n</section>\n");
            return;
        }
        out.write("<p><strong class=\"total\">" + count(total) + "</strong> "
                + (total == 1 ? "line or record" : "lines and records") + " could not be used.</p>\n");
        out.write("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr><th>Reason</th><th class=\"num\">Count</th>"
                + "<th class=\"num\">Share</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long> e : rejects.byReason().entrySet()) {
            out.write("<tr><td>" + escape(e.getKey()) + "</td><td class=\"num\">" + count(e.getValue())
                    + "</td><td class=\"num\">" + percent((double) e.getValue() / total) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table></div>\n<h3>By source</h3>\n<div class=\"scroll\"><table class=\"grid\">\n"
                + "<thead><tr><th>Source</th><th>Reason</th><th class=\"num\">Count</th></tr></thead>\n<tbody>\n");
        List<RejectedInput.Count> counts = rejects.counts();
        for (RejectedInput.Count c : counts) {
            out.write("<tr><td><code>" + escape(c.source()) + "</code></td><td>" + escape(c.reason())
                    + "</td><td class=\"num\">" + count(c.count()) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table></div>\n</section>\n");
    }

    private static String sign(Double value) {
        if (value == null || !Double.isFinite(value) || value == 0) {
            return "";
        }
        return value > 0 ? "pos" : "neg";
    }

    private static String signed(Double fraction) {
        String text = percent(fraction);
        return fraction != null && Double.isFinite(fraction) && fraction > 0 ? "+" + text : text;
    }

    /** A drawdown is a fall: shown with a minus, whichever sign the table gives it. */
    private static String drawdown(Double fraction) {
        return fraction == null || !Double.isFinite(fraction) || fraction == 0 ? percent(fraction)
                : "\u2212" + percent(Math.abs(fraction));
    }

    private static String resource(String name) {
        return text("io/tickpipe/batch/report/" + name);
    }

    private static String text(String path) {
        try (InputStream in = classpath(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + " from the classpath", e);
        }
    }

    private static InputStream classpath(String path) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the classpath: spark-batch's jar carries it"
                    + " (org.webjars.npm:echarts and the report's resources); is this the shaded spark-batch.jar?");
        }
        return in;
    }
}
