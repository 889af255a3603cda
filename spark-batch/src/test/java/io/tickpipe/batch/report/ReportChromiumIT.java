package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's headless Chromium, without network, opens the file and runs
 * its scripts; the DOM then says what ECharts holds in each chart, and a screenshot shows candles.
 */
class ReportChromiumIT {
    private static final Pattern TAG = Pattern.compile("<(body|div)\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    @Test
    void chromiumDrawsEveryChartWithTheModelsPointsFromTheFileAlone(@TempDir Path dir) throws Exception {
        ReportModel model = model();
        Path page = dir.resolve("report.html");
        HtmlReport.write(model, page);
        HeadlessChromium chromium = new HeadlessChromium(dir);

        String dom = chromium.dumpDom(page);

        Map<String, String> body = tags(dom, "body").get(0);
        assertThat(body).doesNotContainKey("data-error").containsEntry("data-rendered", "true")
                .containsEntry("data-resources", "0");
        Map<String, Map<String, String>> charts = new LinkedHashMap<>();
        Map<String, String> heatmap = null;
        for (Map<String, String> div : tags(dom, "div")) {
            if ("symbol".equals(div.get("data-chart"))) {
                charts.put(unescape(div.get("data-symbol")), div);
            } else if ("correlation".equals(div.get("data-chart"))) {
                heatmap = div;
            }
        }
        assertThat(charts.keySet()).containsExactly("AAPL", "MSFT", "BTC-USD");
        for (SymbolReport s : model.symbols()) {
            Map<String, String> chart = charts.get(s.symbol());
            assertThat(chart.get("data-series-points")).as(s.symbol()).isEqualTo(expectedPoints(s, false));
            assertThat(chart.get("data-series-defined")).as(s.symbol()).isEqualTo(expectedPoints(s, true));
        }
        assertThat(heatmap).isNotNull();
        long defined = model.correlation().definedCells();
        assertThat(defined).isEqualTo(7);
        assertThat(heatmap.get("data-series-points")).isEqualTo("correlation:" + defined
                + ",correlation-undefined:" + (model.correlation().cells().size() - defined));

        Path png = dir.resolve("report.png");
        chromium.screenshot(page, png, 1400, 1300);
        // Kept for a look: target/report-chromium.html and .png.
        Files.copy(page, Path.of("target", "report-chromium.html"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, Path.of("target", "report-chromium.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        int up = rgb(HtmlReport.UP_COLOR);
        int down = rgb(HtmlReport.DOWN_COLOR);
        long upPixels = 0;
        long downPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xffffff;
                upPixels += pixel == up ? 1 : 0;
                downPixels += pixel == down ? 1 : 0;
            }
        }
        // The first chart's 390 candles are a few pixels wide each: hundreds of pixels of each colour.
        assertThat(upPixels).as("pixels of up candles").isGreaterThan(300);
        assertThat(downPixels).as("pixels of down candles").isGreaterThan(300);
    }

    private static ReportModel model() {
        ReportModel base = ReportSamples.model(List.of(new ReportSamples.Spec("AAPL", 390, 3, 2),
                        new ReportSamples.Spec("MSFT", 250, 0, 4), new ReportSamples.Spec("BTC-USD", 120, 1, 0)),
                new RejectedInput(List.of(new RejectedInput.Count("csv /data/trades.csv.gz", "price is not a number", 3))),
                List.of());
        return new ReportModel(base.run(), base.symbols(),
                ReportSamples.correlation(List.of("AAPL", "MSFT", "BTC-USD"), List.of(List.of("AAPL", "BTC-USD"))),
                base.rejects());
    }

    /** What the chart must hold, from the model: every series by id, in the order the page adds them. */
    private static String expectedPoints(SymbolReport s, boolean definedOnly) {
        int n = s.candles().size();
        List<String> parts = new ArrayList<>();
        parts.add("candles:" + n);
        parts.add("volume:" + n);
        parts.add("vwap:" + (definedOnly ? defined(s.vwap()) : n));
        parts.add("sma:" + (definedOnly ? defined(s.sma()) : n));
        parts.add("ema:" + (definedOnly ? defined(s.ema()) : n));
        parts.add("bb-upper:" + (definedOnly ? defined(s.bollingerUpper()) : n));
        parts.add("bb-lower:" + (definedOnly ? defined(s.bollingerLower()) : n));
        parts.add("rsi:" + (definedOnly ? defined(s.rsi()) : n));
        parts.add("macd:" + (definedOnly ? defined(s.macd()) : n));
        parts.add("macd-signal:" + (definedOnly ? defined(s.macdSignal()) : n));
        // The histogram where both lines are defined: the page computes it.
        long histogram = 0;
        for (int i = 0; i < n; i++) {
            histogram += s.macd().get(i) != null && s.macdSignal().get(i) != null ? 1 : 0;
        }
        parts.add("macd-histogram:" + (definedOnly ? histogram : n));
        parts.add("atr:" + (definedOnly ? defined(s.atr()) : n));
        Map<String, Integer> byKind = new TreeMap<>();
        s.anomalies().forEach(a -> byKind.merge(a.kind(), 1, Integer::sum));
        byKind.forEach((kind, count) -> parts.add("anomaly-" + kind + ":" + count));
        return String.join(",", parts);
    }

    private static long defined(List<Double> values) {
        return values.stream().filter(Objects::nonNull).count();
    }

    private static List<Map<String, String>> tags(String dom, String name) {
        List<Map<String, String>> tags = new ArrayList<>();
        Matcher m = TAG.matcher(dom);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                Map<String, String> attributes = new LinkedHashMap<>();
                Matcher a = ATTRIBUTE.matcher(m.group(2));
                while (a.find()) {
                    attributes.put(a.group(1), a.group(2));
                }
                tags.add(attributes);
            }
        }
        return tags;
    }

    private static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }
}
