package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final String HOSTILE = "</script><script>alert(1)</script><!--&\"'\u2028x";

    @Test
    void theEmbeddedJsonParsesBackToTheModel(@TempDir Path dir) throws IOException {
        ReportModel model = sample();
        Path file = dir.resolve("report.html");

        HtmlReport.write(model, file);

        String json = embeddedJson(Files.readString(file));
        assertThat(ReportJson.read(json)).isEqualTo(model);
    }

    @Test
    void theJsonHoldsCandlesAsArraysAndTheSummaryUnderTheTablesColumnNames() throws IOException {
        ReportModel model = sample();

        JsonNode root = new ObjectMapper().readTree(embeddedJson(html(model)));

        for (int s = 0; s < model.symbols().size(); s++) {
            SymbolReport expected = model.symbols().get(s);
            JsonNode symbol = root.get("symbols").get(s);
            assertThat(symbol.get("symbol").asText()).isEqualTo(expected.symbol());
            assertThat(symbol.get("candles")).hasSize(expected.candles().size());
            for (int i = 0; i < expected.candles().size(); i++) {
                Candle c = expected.candles().get(i);
                JsonNode a = symbol.get("candles").get(i);
                assertThat(List.of(a.get(0).asLong(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble(),
                        a.get(4).asDouble(), a.get(5).asDouble()))
                        .containsExactly(c.time(), c.open(), c.high(), c.low(), c.close(), c.volume());
                assertThat(symbol.get("sma").get(i).isNull()).isEqualTo(expected.sma().get(i) == null);
                assertThat(symbol.get("macd_signal").get(i).isNull()).isEqualTo(expected.macdSignal().get(i) == null);
                if (expected.bollingerUpper().get(i) != null) {
                    assertThat(symbol.get("bollinger_upper").get(i).asDouble()).isEqualTo(expected.bollingerUpper().get(i));
                    assertThat(symbol.get("atr").get(i).asDouble()).isEqualTo(expected.atr().get(i));
                }
            }
            assertThat(symbol.has("macd_histogram")).as("the page computes the histogram").isFalse();
            JsonNode summary = symbol.get("summary");
            assertThat(summary.get("first_time").asText()).isEqualTo(expected.summary().firstTime().toString());
            assertThat(summary.get("annualized_volatility").asDouble())
                    .isEqualTo(expected.summary().annualizedVolatility());
            expected.summary().anomaliesByKind().forEach((kind, n) ->
                    assertThat(summary.get("anomalies_by_kind").get(kind).asLong()).as(kind).isEqualTo(n));
            assertThat(summary.get("anomalies_by_kind")).hasSize(expected.summary().anomaliesByKind().size());
        }
        assertThat(root.get("correlation").get("cells")).hasSize(model.symbols().size() * model.symbols().size());
        assertThat(root.get("run").get("session_zone").asText()).isEqualTo("America/New_York");
        JsonNode periods = root.get("run").get("periods");
        assertThat(List.of(periods.get("bollinger").asInt(), periods.get("macd_fast").asInt(), periods.get("macd_slow").asInt(),
                periods.get("macd_signal").asInt(), periods.get("atr").asInt())).containsExactly(20, 12, 26, 9, 14);
        assertThat(periods.get("bollinger_width").asDouble()).isEqualTo(2.0);
    }

    @Test
    void markupInASymbolOrANoteEndsNoScriptAndShowsAsText() throws IOException {
        ReportModel model = ReportSamples.model(List.of(new ReportSamples.Spec(HOSTILE, 30, 1, 1),
                        new ReportSamples.Spec("MSFT", 30, 0, 0)),
                new RejectedInput(List.of(new RejectedInput.Count("/data/" + HOSTILE + ".csv", HOSTILE, 2))),
                List.of("note " + HOSTILE));

        String html = html(model);

        // Three scripts: the data, ECharts, the page's own; each ends where it should.
        assertThat(count(html, "</script>")).isEqualTo(3);
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(html).doesNotContain("<script>alert(1)");
        String json = embeddedJson(html);
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("\u2028")
                .contains("\\u003C/script\\u003E");
        assertThat(ReportJson.read(json)).isEqualTo(model);
        String asText = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--&amp;&quot;&#39;\u2028x";
        assertThat(html).contains("<h2>" + asText + "</h2>")
                .contains("data-symbol=\"" + asText + "\"")
                .contains("<li>note " + asText + "</li>")
                .contains("<code>/data/" + asText + ".csv</code>");
    }

    @Test
    void everySymbolHasItsSectionChartAndSummary() throws IOException {
        ReportModel model = sample();

        String html = html(model);

        for (int i = 0; i < model.symbols().size(); i++) {
            SymbolReport s = model.symbols().get(i);
            String section = between(html, "<section class=\"symbol card\" id=\"symbol-" + i + "\">", "</section>");
            assertThat(section).contains("<h2>" + s.symbol() + "</h2>")
                    .contains("<div class=\"chart\" data-chart=\"symbol\" data-index=\"" + i + "\" data-symbol=\""
                            + s.symbol() + "\">")
                    .contains("<dt>Close</dt><dd>" + ReportFormat.price(s.summary().close()) + "</dd>")
                    .contains("<dt>Total return</dt><dd>" + ReportFormat.percent(s.summary().totalReturn()) + "</dd>")
                    .contains("<dt>Annualised volatility (\u00d7\u221a252)</dt><dd>"
                            + ReportFormat.percent(s.summary().annualizedVolatility()) + "</dd>");
            assertThat(html).contains("<a href=\"#symbol-" + i + "\">" + s.symbol() + "</a>");
        }
        assertThat(count(html, "data-chart=\"symbol\"")).isEqualTo(model.symbols().size());
        assertThat(count(html, "data-chart=\"correlation\"")).isEqualTo(1);
    }

    @Test
    void aggregationAndTheAnomalyCapAreStatedWhereTheyApply() throws IOException {
        ReportSamples.Spec capped = new ReportSamples.Spec("CAPD", 40, 3, 2, 1_234);
        SymbolReport aggregated = ReportSamples.symbol(new ReportSamples.Spec("AGGR", 40, 1, 0),
                java.time.Instant.parse("2024-01-02T00:00:00Z"), java.time.Duration.ofHours(6), "1m", "6h", 9);
        ReportModel base = ReportSamples.model(List.of(capped, new ReportSamples.Spec("PLAIN", 40, 1, 1)),
                RejectedInput.none(), List.of());
        List<SymbolReport> symbols = new ArrayList<>(base.symbols());
        symbols.add(aggregated);
        ReportModel model = new ReportModel(base.run(), symbols,
                ReportSamples.correlation(List.of("CAPD", "PLAIN", "AGGR"), List.of()), base.rejects());

        String html = html(model);

        assertThat(between(html, "id=\"symbol-0\"", "</section>"))
                .contains("Marked: the 5 anomalies with the largest |score| of 1,234.");
        assertThat(between(html, "id=\"symbol-1\"", "</section>")).doesNotContain("Marked:").doesNotContain("aggregated");
        assertThat(between(html, "id=\"symbol-2\"", "</section>"))
                .contains("1m bars \u2192 6h candles")
                .contains("40 candles of 6h, aggregated from 1m bars to fit the screen");
    }

    @Test
    void whatWasAnalysedAndTheRejectsAreListed() throws IOException {
        RejectedInput rejects = new RejectedInput(List.of(
                new RejectedInput.Count("/data/a.csv", "price is not a number", 3),
                new RejectedInput.Count("/data/b.csv", "price is not a number", 4),
                new RejectedInput.Count("kafka market.trades", "unknown schema id 99", 5)));
        ReportModel model = ReportSamples.model(List.of(new ReportSamples.Spec("AAPL", 30, 0, 0)), rejects,
                List.of("bars input: VWAP and trade counts are not available"));

        String html = html(model);

        String analysed = between(html, "<section id=\"analysed\"", "</section>");
        assertThat(analysed).contains("<li><code>kafka market.trades</code></li>")
                .contains("<li><code>csv /data/trades.csv.gz</code></li>")
                .contains("<dt>Bar intervals</dt><dd>1m, 1d</dd>")
                .contains("<dt>Summary interval</dt><dd>1d</dd>")
                .contains("<dt>Indicators</dt><dd>SMA 20, EMA 20, RSI 14, Bollinger Bands 20 \u00b1 2\u03c3, MACD 12, 26, 9,"
                        + " ATR 14 (bars)</dd>")
                .contains("America/New_York")
                .contains("<li>bars input: VWAP and trade counts are not available</li>");
        String rejected = between(html, "<section id=\"rejects\"", "</section>");
        assertThat(rejected).contains("<strong class=\"total\">12</strong>");
        // By reason, the most frequent first: 3 + 4 from two files.
        assertThat(rejected).containsSubsequence("<td>price is not a number</td><td class=\"num\">7</td>",
                "<td>unknown schema id 99</td><td class=\"num\">5</td>");
        assertThat(rejected).contains("<td><code>/data/b.csv</code></td><td>price is not a number</td><td class=\"num\">4</td>");
    }

    @Test
    void nothingIsLoadedFromTheNetworkAndEChartsIsInlinedWhole() throws IOException {
        String html = html(sample());

        assertThat(Pattern.compile("(?i)\\b(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html).find())
                .as("an attribute loading from the network").isFalse();
        assertThat(Pattern.compile("(?i)url\\(\\s*[\"']?\\s*(https?:|//)").matcher(html).find()).isFalse();
        String version = HtmlReport.echartsVersion();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        String echarts;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js")) {
            echarts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(echarts.length()).isGreaterThan(500_000);
        assertThat(html).contains(HtmlReport.inlineScript(echarts));
        // ECharts' own strings hold markup (an <img> for its save-as-image page); the page itself has
        // no element that loads anything.
        String page = html.replace(HtmlReport.inlineScript(echarts), "");
        assertThat(Pattern.compile("(?i)<(link|iframe|img|object|embed|video|audio|source)\\b").matcher(page).find()).isFalse();
        assertThat(Pattern.compile("(?i)<script[^>]*\\bsrc\\s*=").matcher(page).find()).isFalse();
        assertThat(page.length()).isLessThan(html.length() - 500_000);
    }

    @Test
    void aScriptIsInlinedSoTheParserCannotEndItEarly() {
        assertThat(HtmlReport.inlineScript("var a = '</script>', b = '</SCRIPT >', c = '<!-- x';"))
                .isEqualTo("var a = '<\\/script>', b = '<\\/SCRIPT >', c = '<\\!-- x';");
    }

    private static ReportModel sample() {
        return ReportSamples.model(List.of(new ReportSamples.Spec("AAPL", 120, 3, 2),
                        new ReportSamples.Spec("MSFT", 90, 0, 1), new ReportSamples.Spec("BTC-USD", 60, 2, 0)),
                new RejectedInput(List.of(new RejectedInput.Count("/data/trades.csv.gz", "size is negative", 2))),
                List.of("a note"));
    }

    private static String html(ReportModel model) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(model, out);
        return out.toString();
    }

    private static String embeddedJson(String html) {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the report's data element").isTrue();
        return m.group(1);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as(end + " after " + start).isPositive();
        return text.substring(from, to);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
