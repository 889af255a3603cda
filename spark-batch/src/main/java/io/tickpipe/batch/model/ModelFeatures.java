package io.tickpipe.batch.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.not;

import io.tickpipe.spark.analytics.BarFeatures;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@link BarFeatures} of final bars as a Dataset, the same formulas in Spark SQL: bars of one
 * interval ({@code symbol, time, open, high, low, close, volume, trade_count}) in, {@code symbol, time}
 * and one column per feature out, for the bars that have every feature (not a symbol's first bar, not
 * a bar without a trade count).
 */
final class ModelFeatures {
    private ModelFeatures() {
    }

    static Dataset<Row> of(Dataset<Row> bars) {
        WindowSpec bySymbol = Window.partitionBy("symbol").orderBy("time");
        Column[] features = {
            log(col("close").divide(lag(col("close"), 1).over(bySymbol))),
            log1p(col("volume")),
            col("high").minus(col("low")).divide(col("close")),
            col("trade_count").cast("double")
        };
        Column[] selected = new Column[features.length + 2];
        selected[0] = col("symbol");
        selected[1] = col("time");
        Column complete = col("symbol").isNotNull();
        for (int i = 0; i < features.length; i++) {
            String name = BarFeatures.NAMES.get(i);
            selected[i + 2] = features[i].as(name);
            complete = complete.and(col(name).isNotNull()).and(not(isnan(col(name))));
        }
        return bars.select(selected).where(complete);
    }
}
