package io.tickpipe.batch.files;

import io.tickpipe.files.BadFileException;
import io.tickpipe.files.BadLineException;
import io.tickpipe.files.CsvLine;
import io.tickpipe.files.ReplayFile;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** In a task: one replay file's lines as {@link ParsedLines} of trades, through the producer's parser. */
final class TradeFileRows implements FlatMapFunction<InputFile, Row> {
    private static final long serialVersionUID = 1L;

    /** A good line's fields; the event time is split so that sub-microsecond order survives. */
    static final StructType FIELDS = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType)
            .add("event_micros", DataTypes.LongType)
            .add("event_nanos", DataTypes.IntegerType)
            .add("trade_id", DataTypes.StringType)
            .add("exchange", DataTypes.StringType)
            .add("conditions", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("currency", DataTypes.StringType);

    static final String QUOTES = "a quotes file (its header has 'bid'): the analysis reads trades, so the file is skipped";

    private final Broadcast<HadoopSettings> settings;

    TradeFileRows(Broadcast<HadoopSettings> settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(InputFile file) throws IOException {
        ReplayFile replay;
        try {
            replay = new ReplayFile(file.name(), FileRows.open(file, settings.value()));
        } catch (BadFileException e) {
            return List.of(ParsedLines.reject(file, e.line(), e.reason(), e.text(), FIELDS)).iterator();
        }
        if (replay.kind() == ReplayFile.Kind.QUOTES) {
            replay.close();
            return List.of(ParsedLines.reject(file, replay.headerLine(), QUOTES, replay.headerText(), FIELDS)).iterator();
        }
        return new FileRows(replay, new FileRows.Source() {
            private boolean broken;

            @Override
            public Row next() {
                if (broken) {
                    return null;
                }
                CsvLine line;
                try {
                    line = replay.next();
                } catch (BadFileException e) {
                    broken = true;
                    return ParsedLines.reject(file, e.line(), e.reason(), e.text(), FIELDS);
                }
                if (line == null) {
                    return null;
                }
                try {
                    return row(file, line, replay.parse(line));
                } catch (BadLineException e) {
                    return ParsedLines.reject(file, line.number(), e.getMessage(), line.text(), FIELDS);
                }
            }
        });
    }

    private static Row row(InputFile file, CsvLine line, ReplayFile.Line parsed) {
        Instant time = parsed.eventTime();
        if (!SparkTime.holds(time)) {
            return ParsedLines.reject(file, line.number(), SparkTime.outOfRange("event_time", time), line.text(), FIELDS);
        }
        Trade trade = (Trade) parsed.event();
        return ParsedLines.good(file, line.number(), null, trade.getSymbol(), trade.getPrice(), trade.getSize(),
                SparkTime.micros(time), time.getNano() % 1_000, trade.getTradeId(), trade.getExchange(),
                trade.getConditions().toArray(new String[0]), trade.getCurrency());
    }
}
