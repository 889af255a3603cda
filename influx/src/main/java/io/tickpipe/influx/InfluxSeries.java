package io.tickpipe.influx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series of an InfluxQL answer: its measurement, the tags it was grouped by (empty without
 * {@code GROUP BY}), the column names ({@code time} first for SELECTs) and the rows. Values are as
 * InfluxDB's JSON gives them: {@code Long} for integers and for times ({@code epoch=ns}), and also
 * for a float field whose value is whole (JSON has one number type, {@code 2.0} comes as {@code 2}),
 * {@code Double}, {@code Boolean}, {@code String}, or null. Compare numbers through {@link Number}.
 */
public record InfluxSeries(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {

    /** @throws IllegalArgumentException when a row has not one value per column */
    public InfluxSeries {
        tags = Map.copyOf(tags);
        columns = List.copyOf(columns);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).size() != columns.size()) {
                throw new IllegalArgumentException("series '" + name + "' row " + (i + 1) + " has " + values.get(i).size()
                        + " values for " + columns.size() + " columns " + columns);
            }
        }
        // Rows may hold nulls (a field missing at that time), which List.copyOf refuses.
        values = values.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
    }

    /** Each row as column name to value, the series' tags added (a column of the same name wins). */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(values.size());
        for (List<Object> row : values) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            tags.forEach(map::putIfAbsent);
            rows.add(map);
        }
        return rows;
    }
}
