package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.data.TimeConversions;
import org.junit.jupiter.api.Test;

/** The range against Avro's own timestamp-micros conversion, the one the producer encodes with. */
class EventTimeRangeTest {
    private static final TimeConversions.TimestampMicrosConversion AVRO = new TimeConversions.TimestampMicrosConversion();

    @Test
    void holdsExactlyTheTimesAvroCanEncodeAsTimestampMicros() {
        assertThat(AVRO.toLong(EventTimeRange.LATEST, null, null)).isEqualTo(Long.MAX_VALUE);
        assertThat(AVRO.toLong(EventTimeRange.EARLIEST, null, null)).isEqualTo(Long.MIN_VALUE);
        assertThat(EventTimeRange.holds(EventTimeRange.LATEST)).isTrue();
        assertThat(EventTimeRange.holds(EventTimeRange.EARLIEST)).isTrue();
        assertThat(EventTimeRange.holds(Instant.parse("2026-01-05T14:30:00.000001Z"))).isTrue();

        Instant after = EventTimeRange.LATEST.plus(1, ChronoUnit.MICROS);
        Instant before = EventTimeRange.EARLIEST.minus(1, ChronoUnit.MICROS);
        assertThat(EventTimeRange.holds(after)).isFalse();
        assertThat(EventTimeRange.holds(before)).isFalse();
        assertThatThrownBy(() -> AVRO.toLong(after, null, null)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> AVRO.toLong(before, null, null)).isInstanceOf(ArithmeticException.class);
    }
}
