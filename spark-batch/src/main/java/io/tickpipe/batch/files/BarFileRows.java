package io.tickpipe.batch.files;

import io.tickpipe.files.BadFileException;
import io.tickpipe.files.BadLineException;
import io.tickpipe.files.BarFile;
import io.tickpipe.files.CsvLine;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** In a task: one bar file's lines as {@link ParsedLines} of bars, through {@link BarFile}. */
final class BarFileRows implements FlatMapFunction<InputFile, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType FIELDS = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("start_micros", DataTypes.LongType)
            .add("open", DataTypes.DoubleType)
            .add("high", DataTypes.DoubleType)
            .add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType);

    private final Broadcast<HadoopSettings> settings;
    private final String symbol;
    private final ZoneId sessionZone;

    BarFileRows(Broadcast<HadoopSettings> settings, String symbol, ZoneId sessionZone) {
        this.settings = settings;
        this.symbol = symbol;
        this.sessionZone = sessionZone;
    }

    @Override
    public Iterator<Row> call(InputFile file) throws IOException {
        BarFile bars;
        try {
            bars = new BarFile(file.name(), FileRows.open(file, settings.value()), symbol, sessionZone);
        } catch (BadFileException e) {
            return List.of(ParsedLines.reject(file, e.line(), e.reason(), e.text(), FIELDS)).iterator();
        }
        return new FileRows(bars, new FileRows.Source() {
            private boolean broken;

            @Override
            public Row next() {
                if (broken) {
                    return null;
                }
                CsvLine line;
                try {
                    line = bars.next();
                } catch (BadFileException e) {
                    broken = true;
                    return ParsedLines.reject(file, e.line(), e.reason(), e.text(), FIELDS);
                }
                if (line == null) {
                    return null;
                }
                try {
                    return row(file, line, bars.parse(line));
                } catch (BadLineException e) {
                    return ParsedLines.reject(file, line.number(), e.getMessage(), line.text(), FIELDS);
                }
            }
        });
    }

    private static Row row(InputFile file, CsvLine line, BarFile.Bar bar) {
        if (!SparkTime.holds(bar.start())) {
            return ParsedLines.reject(file, line.number(), SparkTime.outOfRange("the bar's start", bar.start()),
                    line.text(), FIELDS);
        }
        // The text stays: the line is rejected still if it repeats an earlier bar.
        return ParsedLines.good(file, line.number(), line.text(), bar.symbol(), SparkTime.micros(bar.start()),
                bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
}
