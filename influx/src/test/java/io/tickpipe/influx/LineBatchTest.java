package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.client.write.PointSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link LineBatch} against {@link LineProtocol} and the library for Points of the same values. */
class LineBatchTest {
    private static final String[] PIECES = {"a", "Z", "9", " ", ",", "=", "\"", "\\", "\n", "\r", "\t", "é", "€",
        "\uD83D\uDE00", "\u0000"};

    @Test
    void everyRandomLineIsTheLineOfItsPoint() {
        Random random = new Random(1204);
        LineBatch batch = new LineBatch(64);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String measurement = text(random, 1);
            TreeMap<String, String> tags = new TreeMap<>();
            for (int t = random.nextInt(3); t > 0; t--) {
                tags.put(text(random, 1), random.nextInt(5) == 0 ? "" : text(random, 0));
            }
            TreeMap<String, Object> fields = new TreeMap<>();
            fields.put(text(random, 1), random.nextLong()); // one field that is always written
            for (int f = random.nextInt(4); f > 0; f--) {
                fields.put(text(random, 1), switch (random.nextInt(4)) {
                    case 0 -> Double.longBitsToDouble(random.nextLong());
                    case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                    case 2 -> (long) random.nextInt();
                    default -> text(random, 0);
                });
            }
            long nanos = random.nextLong();

            Point point = Point.measurement(measurement).time(nanos, WritePrecision.NS);
            batch.measurement(LineBatch.measurementName(measurement));
            tags.forEach((key, value) -> {
                point.addTag(key, value);
                batch.tag(LineBatch.key(key), value.getBytes(StandardCharsets.UTF_8));
            });
            fields.forEach((key, value) -> {
                if (value instanceof Double d) {
                    point.addField(key, d);
                    batch.field(LineBatch.key(key), d);
                } else if (value instanceof Long l) {
                    point.addField(key, l);
                    batch.field(LineBatch.key(key), l);
                } else {
                    point.addField(key, (String) value);
                    batch.field(LineBatch.key(key), ((String) value).getBytes(StandardCharsets.UTF_8));
                }
            });
            batch.end(nanos);
            String line = LineProtocol.line(point);
            assertThat(line).isEqualTo(point.toLineProtocol(new PointSettings(), WritePrecision.NS));
            expected.add(line);
        }
        assertThat(batch.lines()).isEqualTo(expected.size());
        assertThat(batch.toString()).isEqualTo(String.join("\n", expected));
        for (int i = 0; i < expected.size(); i += 997) {
            assertThat(new String(batch.array(), batch.lineStart(i), batch.lineEnd(i) - batch.lineStart(i), StandardCharsets.UTF_8))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    void bytesThatAreNotUtf8AreWrittenAsAStringOfThemWouldBe() {
        byte[] bad = {'a', (byte) 0xC3, ' ', (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        String decoded = new String(bad, StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch().measurement(LineBatch.measurementName("m")).tag(LineBatch.key("t"), bad)
                .field(LineBatch.key("s"), bad).end(1);
        Point point = Point.measurement("m").addTag("t", decoded).addField("s", decoded).time(1L, WritePrecision.NS);
        assertThat(batch.toString()).isEqualTo(LineProtocol.line(point)).contains("\uFFFD");
    }

    @Test
    void aLineWithoutAWrittenFieldIsRefusedAndLeftOut() {
        LineBatch batch = new LineBatch();
        batch.measurement(LineBatch.measurementName("m")).field(LineBatch.key("v"), 1L).end(1);
        batch.measurement(LineBatch.measurementName("m")).tag(LineBatch.key("symbol"), "A".getBytes(StandardCharsets.UTF_8))
                .field(LineBatch.key("v"), Double.NaN);
        assertThatThrownBy(() -> batch.end(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line without fields (InfluxDB cannot store it): m,symbol=A 2");
        batch.measurement(LineBatch.measurementName("m")).field(LineBatch.key("v"), 3L).end(3);

        assertThat(batch.toString()).isEqualTo("m v=1i 1\nm v=3i 3");
        assertThat(batch.lines()).isEqualTo(2);
        batch.clear();
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.toString()).isEmpty();
    }

    /** Awkward text of at least {@code min} characters. */
    private static String text(Random random, int min) {
        StringBuilder text = new StringBuilder();
        for (int i = min + random.nextInt(5); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
