package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.client.write.PointSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LineProtocol} against the library's own {@code Point.toLineProtocol}, which it replaces. */
class LineProtocolTest {
    private static final PointSettings NO_DEFAULT_TAGS = new PointSettings();

    private static String library(Point point) {
        return point.toLineProtocol(NO_DEFAULT_TAGS, WritePrecision.NS);
    }

    @Test
    void escapesMeasurementTagsFieldKeysAndStringsAsTheLineProtocolSpecSays() {
        Point point = TestPoints.awkward(TestPoints.BASE_NANOS);
        String expected = "quote\\ stats\\,v1,exchange=NYSE,symbol=BRK\\ A\\,B\\=C halted=true,"
                + "note=\"said \\\"hi\\\", then \\\\left\",price=412345.6789,size=9007199254740993i "
                + TestPoints.BASE_NANOS;
        assertThat(LineProtocol.line(point)).isEqualTo(expected).isEqualTo(library(point));
    }

    @Test
    void writesEveryKindOfCharacterAsTheLibraryDoes() {
        Point point = Point.measurement("m=1\nx\ty\r,z w").addTag("k=\n\t\r, ", "v=\n\t\r, \\\"")
                .addTag("empty", "").addTag("unicode", "Zürich €")
                .addField("f=\n\t\r, \\\"", "s=\n\t\r, \\\"\\\\")
                .addField("b", false)
                .time(1L, WritePrecision.NS);
        assertThat(LineProtocol.line(point)).isEqualTo(library(point))
                .as("an empty tag value is left out").doesNotContain("empty");
    }

    @Test
    void writesIntegersWithAnISuffixAndFloatingPointNumbersWithout() {
        Point point = Point.measurement("n").addField("long", Long.MIN_VALUE).addField("int", (Number) 7)
                .addField("short", (Number) (short) -3).addField("big_integer", new BigInteger("123456789012345678901234567890"))
                .addField("float", (Number) 0.1f).addField("big_decimal", new BigDecimal("1.50"))
                .addField("big_decimal_integral", new BigDecimal("2")).addField("double", 0.1)
                .time(5L, WritePrecision.NS);
        assertThat(LineProtocol.line(point)).isEqualTo(library(point))
                .contains("long=-9223372036854775808i", "int=7i", "double=0.1", "big_decimal=1.5", "big_decimal_integral=2.0");
    }

    @Test
    void writesEachDoubleAsTheLibraryDoes() {
        List<Double> edges = List.of(0.0, -0.0, 1.0, -1.0, 10.0, 0.1, 1.0 / 3, 2.0 / 3, 1e-3, 9.99e-4, 1.0001e-3,
                1e7, 9_999_999.999, 1e7 + 0.5, 1.2345678e8, 1e20, 1e22, 1e23, -1e-5, 4.35, 100.01, 412.5,
                Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, (double) Long.MAX_VALUE,
                9_007_199_254_740_993.0, 123_456.789e-300);
        for (double value : edges) {
            assertSameLine(value);
        }
        Random random = new Random(20261204);
        for (int i = 0; i < 20_000; i++) {
            double anyBits = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(anyBits)) {
                assertSameLine(anyBits);
            }
            assertSameLine(Math.round(random.nextDouble() * 1e6) / 100.0); // prices, two decimals
            assertSameLine((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15));
        }
    }

    private static void assertSameLine(double value) {
        Point point = Point.measurement("d").addField("v", value).time(1L, WritePrecision.NS);
        assertThat(LineProtocol.line(point)).as("%s (bits %x)", value, Double.doubleToRawLongBits(value))
                .isEqualTo(library(point));
    }

    @Test
    void leavesOutFieldsWithoutAValueAndWritesNothingWhenNoneIsLeft() {
        Point some = Point.measurement("m").addField("nan", Double.NaN).addField("inf", Double.POSITIVE_INFINITY)
                .addField("float_nan", (Number) Float.NaN).addField("null", (String) null).addField("ok", 1L)
                .time(1L, WritePrecision.NS);
        assertThat(LineProtocol.line(some)).isEqualTo("m ok=1i 1").isEqualTo(library(some));

        Point none = Point.measurement("m").addTag("t", "x").addField("nan", Double.NaN).time(1L, WritePrecision.NS);
        assertThat(LineProtocol.line(none)).isEmpty();
        assertThat(library(none)).isEmpty();
    }

    @Test
    void convertsEveryPrecisionToNanoseconds() {
        long seconds = 1_767_623_400L;
        List<Point> points = List.of(
                Point.measurement("t").addField("v", 1L).time(seconds, WritePrecision.S),
                Point.measurement("t").addField("v", 1L).time(seconds * 1_000 + 123, WritePrecision.MS),
                Point.measurement("t").addField("v", 1L).time(seconds * 1_000_000 + 123_456, WritePrecision.US),
                Point.measurement("t").addField("v", 1L).time(TestPoints.BASE_NANOS, WritePrecision.NS),
                Point.measurement("t").addField("v", 1L).time(new BigInteger("1767623400123456789"), WritePrecision.NS),
                Point.measurement("t").addField("v", 1L).time(new BigDecimal("1767623400123456789.7"), WritePrecision.NS),
                Point.measurement("t").addField("v", 1L).time(new BigDecimal("1767623400123"), WritePrecision.MS));
        assertThat(points).extracting(LineProtocol::line).containsExactly(
                "t v=1i 1767623400000000000", "t v=1i 1767623400123000000", "t v=1i 1767623400123456000",
                "t v=1i 1767623400123456789", "t v=1i 1767623400123456789", "t v=1i 1767623400123456789",
                "t v=1i 1767623400123000000");
        assertThat(points).extracting(LineProtocol::line)
                .containsExactlyElementsOf(points.stream().map(LineProtocolTest::library).toList());
    }

    @Test
    void randomPointsComeOutAsTheLibraryWritesThem() {
        Random random = new Random(42);
        String alphabet = "abcXYZ019 ,=\"\\\n\t\r_-.ü€";
        for (int i = 0; i < 5_000; i++) {
            Point point = Point.measurement(text(random, alphabet, 1 + random.nextInt(8)));
            for (int t = random.nextInt(4); t > 0; t--) {
                point.addTag(text(random, alphabet, 1 + random.nextInt(6)), text(random, alphabet, random.nextInt(6)));
            }
            for (int f = 1 + random.nextInt(5); f > 0; f--) {
                String key = text(random, alphabet, 1 + random.nextInt(6));
                switch (random.nextInt(4)) {
                    case 0 -> point.addField(key, random.nextLong());
                    case 1 -> point.addField(key, (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(24) - 8));
                    case 2 -> point.addField(key, random.nextBoolean());
                    default -> point.addField(key, text(random, alphabet, random.nextInt(10)));
                }
            }
            point.time(random.nextLong() & Long.MAX_VALUE, WritePrecision.NS);
            assertThat(LineProtocol.line(point)).isEqualTo(library(point));
        }
    }

    private static String text(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
