package io.tickpipe.batch.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Compares a Spark row with expected values by column name, doubles to a relative 1e-12. */
final class RowAssertions {
    static final double RELATIVE = 1e-12;

    private RowAssertions() {
    }

    static void assertRow(Row actual, Map<String, Object> expected, String what) {
        for (Map.Entry<String, Object> column : expected.entrySet()) {
            String name = column.getKey();
            int index = actual.fieldIndex(name);
            Object want = column.getValue();
            String description = what + " " + name;
            if (want == null) {
                assertThat(actual.isNullAt(index)).as(description + " is null, not " + actual.get(index)).isTrue();
            } else if (want instanceof Double d) {
                assertClose(actual.getDouble(index), d, description);
            } else if (want instanceof Instant instant) {
                assertThat(actual.<Timestamp>getAs(index)).as(description).isNotNull();
                assertThat(actual.<Timestamp>getAs(index).toInstant()).as(description).isEqualTo(instant);
            } else if (want instanceof Map<?, ?> map) {
                assertThat(actual.getJavaMap(index)).as(description).isEqualTo(map);
            } else {
                assertThat(actual.get(index)).as(description).isEqualTo(want);
            }
        }
    }

    static void assertClose(double actual, double expected, String description) {
        double tolerance = RELATIVE * Math.max(Math.abs(actual), Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as(description + ": " + actual + " against " + expected)
                .isLessThanOrEqualTo(tolerance);
    }
}
