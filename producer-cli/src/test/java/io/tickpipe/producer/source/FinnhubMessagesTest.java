package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.data.TimeConversions;
import org.junit.jupiter.api.Test;

/** Trade messages at the edge of what a Trade's event time holds. */
class FinnhubMessagesTest {

    private static String trade(long epochMillis) {
        return "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":190.25,\"t\":" + epochMillis + ",\"v\":100}]}";
    }

    @Test
    void aTimeAfterTheLatestATradeHoldsIsMalformed() throws Exception {
        // The ReplayFileFuzzTest finding (a time Avro's timestamp-micros cannot hold ended the producer
        // at encoding) applies to Finnhub's epoch milliseconds too: 9223372036854776 ms is one past the
        // last whole millisecond of Long.MAX_VALUE microseconds.
        long last = Long.MAX_VALUE / 1_000;
        var trades = (FinnhubMessages.Trades) FinnhubMessages.parse(trade(last));
        Instant time = trades.prints().get(0).time();
        assertThat(new TimeConversions.TimestampMicrosConversion().toLong(time, null, null)).isEqualTo(last * 1_000);

        assertThatThrownBy(() -> FinnhubMessages.parse(trade(last + 1)))
                .isInstanceOf(FinnhubMessages.Malformed.class)
                .hasMessage("data[0]: 't' 9223372036854776 is after the latest time a trade holds "
                        + "(+294247-01-10T04:00:54.775807Z)");
    }
}
