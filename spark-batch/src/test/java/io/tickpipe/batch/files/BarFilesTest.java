package io.tickpipe.batch.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.files.BarFile;
import io.tickpipe.files.Symbols;
import io.tickpipe.spark.testing.LocalSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarFilesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    private static String bar(Row row) {
        return row.getString(0) + " " + row.<Timestamp>getAs(1).toInstant() + " " + row.getDouble(2) + " "
                + row.getDouble(3) + " " + row.getDouble(4) + " " + row.getDouble(5) + " " + row.getDouble(6);
    }

    /** The bar of a {@code date} line: it starts at the date's midnight in New York. */
    private static String daily(String symbol, String date, String ohlcv) {
        return symbol + " " + LocalDate.parse(date).atStartOfDay(NEW_YORK).toInstant() + " " + ohlcv;
    }

    private static String reject(Row row) {
        return row.getString(0) + ":" + row.getLong(1) + ": " + row.getString(2) + " [" + row.getString(3) + "]";
    }

    @Test
    void barsOfEverySymbolSourceAndTimeFormWithEveryBadLineAndFileRejected(@TempDir Path dir) {
        Path aapl = TestFiles.write(dir.resolve("AAPL.csv"), "\n", List.of(
                "Date,Open,High,Low,Close,Adj Close,Volume",
                "2024-03-08,169.0,173.7,168.94,170.73,170.12,76114600",
                "2024-03-11,172.94,174.38,172.05,172.75,172.13,60139500",
                "2024-03-12,173.15,174.03,171.01,173.23,172.6,59825400",
                "2024-03-13,172.77,173.19,170.76,171.13",
                "2024-03-14,172.91,174.31,172.05,174.5,173.0,72913500"));
        // A later file: its 2024-03-11 bar and its own repeat of 2024-03-15 are duplicates.
        Path aaplAgain = TestFiles.write(dir.resolve("AAPL_dup.csv"), "\n", List.of(
                "date,open,high,low,close,volume",
                "2024-03-11,1,1,1,1,1",
                "2024-03-15,171.17,172.62,170.29,172.62,121664700",
                "2024-03-15,2,2,2,2,2"));
        // Crypto days at New York's midnight across the start of summer time (2024-03-10): 24 h, then 23 h.
        TestFiles.write(dir.resolve("BTC-USD.csv"), "\n", List.of(
                "date,open,high,low,close,volume",
                "2024-03-09,68300,69000,67900,68500,1200",
                "2024-03-10,68500,70000,68400,69000,1500",
                "2024-03-11,69000,72800,68800,72100,2100"));
        // Days at UTC midnight across the end of summer time (2024-11-03): 24 h, 23 h on New York's clock.
        TestFiles.write(dir.resolve("ETH-USD_1d.csv"), "\n", List.of(
                "time,open,high,low,close,volume",
                "2024-11-02T00:00:00Z,2500,2520,2480,2510,900",
                "2024-11-03T00:00:00Z,2510,2530,2490,2495,800",
                "2024-11-04T00:00:00Z,2495,2500,2380,2400,1100"));
        TestFiles.write(dir.resolve("ONE.csv"), "\n", List.of("date,open,high,low,close,volume", "2024-03-08,1,2,0.5,1.5,10"));
        TestFiles.write(dir.resolve("SPY_1m.csv"), "\n", List.of(
                "datetime,open,high,low,close,volume",
                "2024-03-08 09:30,512.0,512.4,511.9,512.3,10000",
                "2024-03-08 09:31,512.3,512.5,512.1,512.2,8000",
                "2024-03-08 09:33,512.2,512.2,511.5,511.6,9000"));
        Path unnamed = TestFiles.write(dir.resolve("bars 2024.csv"), "\n", List.of("date,open,high,low,close,volume",
                "2024-03-08,1,1,1,1,1"));
        Path empty = TestFiles.write(dir.resolve("empty.csv"), new byte[0]);
        // Another column order and case, gzip, CRLF, dates in a timestamp column.
        TestFiles.write(dir.resolve("msft_1d.csv.gz"), "\r\n", List.of(
                "volume,Close,low,HIGH,open,timestamp",
                "22000000,406.22,401.5,409.0,407.96,2024-03-08",
                "18000000,409.14,403.5,409.2,403.76,2024-03-11"));
        TestFiles.write(dir.resolve("multi.csv"), "\n", List.of(
                "symbol,time,open,high,low,close,volume",
                "qqq,2024-03-08 16:00:00-05:00,445.0,446.0,438.0,439.0,70000000",
                "SPY,2024-03-08 16:00:00-05:00,512.0,514.0,508.6,511.7,80000000",
                "S P Y,2024-03-11 16:00:00-04:00,511.5,512.0,508.5,511.3,70000000"));
        Path trades = TestFiles.write(dir.resolve("trades.csv"), "\n", List.of("event_time,symbol,price,size",
                "2024-03-08T14:30:00Z,AAPL,170,1"));

        BarFiles.Result result = BarFiles.read(spark, List.of(dir.toString()), null, NEW_YORK);

        assertThat(result.bars().collectAsList()).extracting(BarFilesTest::bar).containsExactlyInAnyOrder(
                daily("AAPL", "2024-03-08", "169.0 173.7 168.94 170.73 7.61146E7"),
                daily("AAPL", "2024-03-11", "172.94 174.38 172.05 172.75 6.01395E7"),
                daily("AAPL", "2024-03-12", "173.15 174.03 171.01 173.23 5.98254E7"),
                daily("AAPL", "2024-03-15", "171.17 172.62 170.29 172.62 1.216647E8"),
                daily("BTC-USD", "2024-03-09", "68300.0 69000.0 67900.0 68500.0 1200.0"),
                daily("BTC-USD", "2024-03-10", "68500.0 70000.0 68400.0 69000.0 1500.0"),
                daily("BTC-USD", "2024-03-11", "69000.0 72800.0 68800.0 72100.0 2100.0"),
                "ETH-USD 2024-11-02T00:00:00Z 2500.0 2520.0 2480.0 2510.0 900.0",
                "ETH-USD 2024-11-03T00:00:00Z 2510.0 2530.0 2490.0 2495.0 800.0",
                "ETH-USD 2024-11-04T00:00:00Z 2495.0 2500.0 2380.0 2400.0 1100.0",
                daily("ONE", "2024-03-08", "1.0 2.0 0.5 1.5 10.0"),
                "SPY 2024-03-08T14:30:00Z 512.0 512.4 511.9 512.3 10000.0",
                "SPY 2024-03-08T14:31:00Z 512.3 512.5 512.1 512.2 8000.0",
                "SPY 2024-03-08T14:33:00Z 512.2 512.2 511.5 511.6 9000.0",
                "SPY 2024-03-08T21:00:00Z 512.0 514.0 508.6 511.7 8.0E7",
                daily("MSFT", "2024-03-08", "407.96 409.0 401.5 406.22 2.2E7"),
                daily("MSFT", "2024-03-11", "403.76 409.2 403.5 409.14 1.8E7"),
                "QQQ 2024-03-08T21:00:00Z 445.0 446.0 438.0 439.0 7.0E7");
        assertThat(LocalDate.parse("2024-03-11").atStartOfDay(NEW_YORK).toInstant()).hasToString("2024-03-11T04:00:00Z");

        assertThat(result.rejects().collectAsList()).extracting(BarFilesTest::reject).containsExactlyInAnyOrder(
                aapl + ":5: 5 fields where the header has 7 [2024-03-13,172.77,173.19,170.76,171.13]",
                aapl + ":6: High 174.31 is below the Close 174.5 [2024-03-14,172.91,174.31,172.05,174.5,173.0,72913500]",
                aaplAgain + ":2: duplicate bar: the same symbol and start as line 3 of " + aapl + ", which is kept [2024-03-11,1,1,1,1,1]",
                aaplAgain + ":4: duplicate bar: the same symbol and start as line 3 of " + aaplAgain + ", which is kept [2024-03-15,2,2,2,2,2]",
                unnamed + ":1: no symbol: the file has no 'symbol' column, none was given, and its name does not start "
                        + "with one (" + BarFile.FILE_NAME_RULE + "; a symbol is " + Symbols.RULE + ") [date,open,high,low,close,volume]",
                empty + ":1: the file is empty (no header line) []",
                dir.resolve("multi.csv") + ":4: symbol 'S P Y' is not a symbol (" + Symbols.RULE + ") "
                        + "[S P Y,2024-03-11 16:00:00-04:00,511.5,512.0,508.5,511.3,70000000]",
                trades + ":1: a trades file (its header has 'price'), not bars [event_time,symbol,price,size]");

        Map<String, Double> spacing = new HashMap<>();
        for (Row row : result.spacing().collectAsList()) {
            spacing.put(row.getString(0), row.isNullAt(1) ? null : row.getDouble(1));
        }
        Map<String, Double> expected = new HashMap<>();
        expected.put("AAPL", 86_400.0);
        expected.put("BTC-USD", 86_400.0);
        expected.put("ETH-USD", 86_400.0);
        expected.put("MSFT", 3 * 86_400.0);
        expected.put("ONE", null);
        expected.put("QQQ", null);
        expected.put("SPY", 60.0);
        assertThat(spacing).as("MSFT's only gap: a weekend across the change to summer time, 71 hours elapsed, 72 on the clock")
                .isEqualTo(expected);
    }

    @Test
    void theCallersSymbolNamesFilesWithoutASymbolColumnOnly(@TempDir Path dir) {
        Path aapl = TestFiles.write(dir.resolve("aapl_1d.csv"), "\n", List.of("date,open,high,low,close,volume",
                "2024-03-08,1,2,0.5,1.5,10"));
        Path multi = TestFiles.write(dir.resolve("multi.csv"), "\n", List.of("Ticker,date,open,high,low,close,volume",
                "qqq,2024-03-08,1,2,0.5,1.5,10"));

        List<Row> bars = BarFiles.read(spark, List.of(aapl.toString(), multi.toString()), "brk.b", NEW_YORK)
                .bars().collectAsList();

        String start = LocalDateTime.of(LocalDate.parse("2024-03-08"), LocalTime.MIDNIGHT).atZone(NEW_YORK).toInstant().toString();
        assertThat(bars).extracting(BarFilesTest::bar).containsExactlyInAnyOrder(
                "BRK.B " + start + " 1.0 2.0 0.5 1.5 10.0", "QQQ " + start + " 1.0 2.0 0.5 1.5 10.0");
        assertThatThrownBy(() -> BarFiles.read(spark, List.of(aapl.toString()), "no good", NEW_YORK))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'no good' is not a symbol (" + Symbols.RULE + ")");
    }
}
