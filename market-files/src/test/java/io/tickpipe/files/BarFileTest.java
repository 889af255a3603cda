package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarFileTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static BarFile bars(String name, String text, String symbol, ZoneId zone) throws IOException {
        return new BarFile(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), symbol, zone);
    }

    /** Every record: "line: bar" or "line: bad: reason". */
    private static List<String> read(BarFile file) throws IOException {
        List<String> read = new ArrayList<>();
        try (file) {
            for (CsvLine line = file.next(); line != null; line = file.next()) {
                try {
                    read.add(line.number() + ": " + file.parse(line));
                } catch (BadLineException e) {
                    read.add(line.number() + ": bad: " + e.getMessage());
                }
            }
        }
        return read;
    }

    private static String bar(String symbol, Instant start, double open, double high, double low, double close,
                              double volume) {
        return new BarFile.Bar(symbol, start, open, high, low, close, volume).toString();
    }

    private static Instant midnight(String date, ZoneId zone) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.MIDNIGHT, zone).toInstant();
    }

    @Test
    void aVendorsDailyFileGivesBarsStartingAtTheSessionsMidnightAcrossSummerTime(@TempDir Path dir) throws IOException {
        // Summer time starts on 2024-03-10 and ends on 2024-11-03 in New York.
        Path file = Files.writeString(dir.resolve("aapl_1d.csv"), String.join("\r\n",
                "Date,Open,High,Low,Close,Adj Close,Volume",
                "2024-03-08,169.0,173.7,168.94,170.73,170.12,76114600",
                "2024-03-11,172.94,174.38,172.05,172.75,172.13,60139500",
                "2024-11-01,220.97,225.35,220.27,222.91,222.66,65276700",
                "2024-11-04,220.99,222.79,219.71,222.01,221.76,44944500",
                ""));
        List<String> read = read(BarFile.open(file, null, NEW_YORK));

        assertThat(midnight("2024-03-08", NEW_YORK)).isEqualTo("2024-03-08T05:00:00Z");
        assertThat(midnight("2024-03-11", NEW_YORK)).isEqualTo("2024-03-11T04:00:00Z");
        assertThat(read).containsExactly(
                "2: " + bar("AAPL", midnight("2024-03-08", NEW_YORK), 169.0, 173.7, 168.94, 170.73, 76114600),
                "3: " + bar("AAPL", midnight("2024-03-11", NEW_YORK), 172.94, 174.38, 172.05, 172.75, 60139500),
                "4: " + bar("AAPL", midnight("2024-11-01", NEW_YORK), 220.97, 225.35, 220.27, 222.91, 65276700),
                "5: " + bar("AAPL", midnight("2024-11-04", NEW_YORK), 220.99, 222.79, 219.71, 222.01, 44944500));
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(read(BarFile.open(file, null, tokyo)).get(0)).as("the session zone decides")
                .isEqualTo("2: " + bar("AAPL", Instant.parse("2024-03-07T15:00:00Z"), 169.0, 173.7, 168.94, 170.73, 76114600));
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(delimiter = '|', value = {
            "time|2024-01-02T14:30:00Z|America/New_York|2024-01-02T14:30:00Z",
            "timestamp|2024-01-02 09:30:00-05:00|UTC|2024-01-02T14:30:00Z",
            "datetime|2024-01-02T09:30|America/New_York|2024-01-02T14:30:00Z",
            "Time|2024-07-02 09:30:00.250|America/New_York|2024-07-02T13:30:00.250Z",
            "TIMESTAMP|2024-07-02T09:30|Europe/London|2024-07-02T08:30:00Z",
            "timestamp|2024-01-02|America/New_York|2024-01-02T05:00:00Z",
            "time|1704205800|America/New_York|2024-01-02T14:30:00Z",
            "time|1704205800123|America/New_York|2024-01-02T14:30:00.123Z",
            "time|99999999999|UTC|5138-11-16T09:46:39Z",
            "time|100000000000|UTC|1973-03-03T09:46:40Z"})
    void aTimeColumnTakesEachDocumentedForm(String column, String value, String zone, String expected) throws IOException {
        String file = column + ",open,high,low,close,volume\n" + value + ",1,2,0.5,1.5,10\n";
        assertThat(read(bars("X.csv", file, null, ZoneId.of(zone))))
                .containsExactly("2: " + bar("X", Instant.parse(expected), 1, 2, 0.5, 1.5, 10));
    }

    @Test
    void aTimeOfDayIsOnItsLinesDateInTheSessionZone() throws IOException {
        String file = "date,time,open,high,low,close,volume\n2024-01-02,9:30,1,2,0.5,1.5,10\n2024-07-02,16:00:00,1,2,0.5,1.5,10\n";
        assertThat(read(bars("X.csv", file, null, NEW_YORK))).containsExactly(
                "2: " + bar("X", Instant.parse("2024-01-02T14:30:00Z"), 1, 2, 0.5, 1.5, 10),
                "3: " + bar("X", Instant.parse("2024-07-02T20:00:00Z"), 1, 2, 0.5, 1.5, 10));
    }

    @Test
    void everyKindOfBadLineSaysWhichFieldAndWhy() throws IOException {
        String file = String.join("\n",
                "Volume,Close,Low,High,Open,Date,Symbol",
                "100,10.2,9.9,10.5,10.0,2024-01-02,aapl",
                "100,10.2,9.9,10.5,10.0,2024-01-03",
                "100,10.2,9.9,10.5,abc,2024-01-03,AAPL",
                "100,10.2,9.9,NaN,10.0,2024-01-03,AAPL",
                ",10.2,9.9,10.5,10.0,2024-01-03,AAPL",
                "100,Infinity,9.9,10.5,10.0,2024-01-03,AAPL",
                "100,10.2,0,10.5,10.0,2024-01-03,AAPL",
                "-5,10.2,9.9,10.5,10.0,2024-01-03,AAPL",
                "100,10.2,9.9,10.1,10.0,2024-01-03,AAPL",
                "100,10.2,9.9,9.95,10.0,2024-01-03,AAPL",
                "100,10.2,10.1,10.5,10.0,2024-01-03,AAPL",
                "100,9.8,9.9,10.5,10.0,2024-01-03,AAPL",
                "100,10.2,9.9,10.5,10.0,01/03/2024,AAPL",
                "100,10.2,9.9,10.5,10.0,2024-02-30,AAPL",
                "100,10.2,9.9,10.5,10.0,2024-01-03,MS FT",
                "",
                "0,10.0,10.0,10.0,10.0,2024-01-04,MSFT");
        assertThat(read(bars("mixed.csv", file, "IGNORED", NEW_YORK))).containsExactly(
                "2: " + bar("AAPL", midnight("2024-01-02", NEW_YORK), 10.0, 10.5, 9.9, 10.2, 100),
                "3: bad: 6 fields where the header has 7",
                "4: bad: Open 'abc' is not a number",
                "5: bad: High 'NaN' is not a number",
                "6: bad: Volume '' is not a number",
                "7: bad: Close 'Infinity' is not a number",
                "8: bad: Low 0.0 is not positive",
                "9: bad: Volume -5.0 is negative",
                "10: bad: High 10.1 is below the Close 10.2",
                "11: bad: High 9.95 is below the Open 10.0",
                "12: bad: Low 10.1 is above the Open 10.0",
                "13: bad: Low 9.9 is above the Close 9.8",
                "14: bad: Date '01/03/2024' is not a date (yyyy-MM-dd)",
                "15: bad: Date '2024-02-30' is not a date (yyyy-MM-dd)",
                "16: bad: Symbol 'MS FT' is not a symbol (" + Symbols.RULE + ")",
                "18: " + bar("MSFT", midnight("2024-01-04", NEW_YORK), 10.0, 10.0, 10.0, 10.0, 0));
    }

    @Test
    void aTimeThatIsNoneOfTheFormsSaysWhichItMayBe() throws IOException {
        assertThat(read(bars("X.csv", "timestamp,open,high,low,close,volume\nyesterday,1,1,1,1,1\n", null, NEW_YORK)))
                .containsExactly("2: bad: timestamp 'yesterday' is not a time: ISO-8601 with offset "
                        + "(2024-01-02T14:30:00Z), a local date-time or date in America/New_York (2024-01-02 09:30), "
                        + "or epoch seconds or milliseconds");
    }

    @Test
    void theSymbolComesFromTheColumnElseTheCallerElseTheFileName() throws IOException {
        String noColumn = "date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n";
        assertThat(read(bars("data/aapl_1d.csv.gz.csv", noColumn, "brk.b", NEW_YORK)).get(0)).contains("symbol=BRK.B,");
        assertThat(read(bars("data/aapl_1d.csv", noColumn, null, NEW_YORK)).get(0)).contains("symbol=AAPL,");
        String withColumn = ",Ticker,date,open,high,low,close,volume\n0,msft,2024-01-02,1,1,1,1,1\n";
        assertThat(read(bars("aapl.csv", withColumn, "BRK.B", NEW_YORK)).get(0)).as("the column wins")
                .contains("symbol=MSFT,");

        assertThatThrownBy(() -> bars("aapl.csv", noColumn, "not one", NEW_YORK))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'not one' is not a symbol (" + Symbols.RULE + ")");
        assertThatThrownBy(() -> bars("bars 2024.csv", noColumn, null, NEW_YORK))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e).hasMessage("bars 2024.csv: no symbol: the file has no 'symbol' column, none was "
                            + "given, and its name does not start with one (" + BarFile.FILE_NAME_RULE
                            + "; a symbol is " + Symbols.RULE + ")");
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "AAPL.csv,AAPL", "aapl_1d.csv.gz,AAPL", "s3a://bucket/bars/AAPL_2024.CSV,AAPL", "C:\\bars\\msft.txt,MSFT",
            "BRK.B.csv,BRK.B", "btc-usd.csv.gz,BTC-USD", "SPY,SPY", "bars 2024.csv,none", "_1d.csv,none", ".csv,none"})
    void aFileNameGivesTheSymbolBeforeItsFirstUnderscore(String name, String symbol) {
        assertThat(BarFile.symbolOfFileName(name)).isEqualTo(symbol);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "date,open,high,low,close|bars file lacks the column 'volume'",
            "symbol,open,high,low,close,volume|bars file has no column saying when a bar starts ('date', 'time', 'timestamp' or 'datetime')",
            "event_time,symbol,price,size|a trades file (its header has 'price'), not bars",
            "event_time,symbol,bid,ask,bid_size,ask_size|a quotes file (its header has 'bid'), not bars"})
    void aHeaderWithoutWhatBarsNeedRefusesTheFile(String header, String reason) {
        assertThatThrownBy(() -> bars("X.csv", header + "\n", null, NEW_YORK))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.text()).isEqualTo(header);
                });
    }
}
