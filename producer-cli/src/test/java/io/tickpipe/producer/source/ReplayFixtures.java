package io.tickpipe.producer.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Replay files with good and bad lines, for the unit test of the reader and the IT through Kafka. */
public final class ReplayFixtures {
    private ReplayFixtures() {
    }

    public static final String TRADES = String.join("\n",
            "event_time,symbol,price,size,exchange,trade_id,conditions",
            "2026-01-05T14:30:00.000100Z,AAPL,190.25,100,XNAS,t1,",
            "2026-01-05T14:30:00.000300Z,aapl,190.30,50,XNAS,,@;I",
            "2026-01-05T14:30:00.000400Z,MSFT,abc,10,XNYS,t3,",
            "yesterday,MSFT,400.10,10,XNYS,t4,",
            "2026-01-05T14:30:00.000500Z,MSFT,400.10,10,XNYS,t5,",
            "2026-01-05T14:30:00.000600Z,MSFT,400.20",
            "2026-01-05T14:30:00.000700Z,MSFT,-1,5,XNYS,t7,",
            "") + "\n";
    public static final String QUOTES = String.join("\n",
            "symbol,event_time,bid,ask,bid_size,ask_size,exchange",
            "AAPL,2026-01-05T14:30:00.000050Z,190.20,190.30,300,200,XNAS",
            "AAPL,2026-01-05T14:30:00.000200Z,190.31,190.29,300,200,XNAS",
            "MS FT,2026-01-05T14:30:00.000250Z,400.00,400.20,100,100,XNYS",
            "MSFT,2026-01-05T14:30:00.000450Z,400.00,400.20,100,100,XNYS",
            "") + "\n";

    public static void writeGzip(Path path, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
