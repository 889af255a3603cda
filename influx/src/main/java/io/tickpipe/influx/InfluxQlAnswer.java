package io.tickpipe.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a successful InfluxQL {@code /query} answer, read into each statement's series.
 * Kept apart from HTTP ({@link InfluxQl}) so that the reading can be tested, and fuzzed, on any text a
 * server might send, and reused by whoever reads such an answer.
 */
public final class InfluxQlAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InfluxQlAnswer() {
    }

    /**
     * Each statement's series, in the order of the statements (an empty list for one that matched
     * nothing).
     *
     * @param query  the InfluxQL that was sent, for messages
     * @param server where it was sent, for messages
     * @throws InfluxQueryException when the body is not JSON, or it or a statement's result is an error,
     *                              or a series has a row without one value per column
     */
    public static List<List<InfluxSeries>> parse(String query, String server, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InfluxQueryException(query, server, "answer is not JSON: " + ServerErrorText.of(body), e);
        }
        if (root.path("error").isTextual()) {
            throw new InfluxQueryException(query, server, root.path("error").asText(), null);
        }
        List<List<InfluxSeries>> results = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            // A statement's own error (unknown database, ...) comes with HTTP 200, inside its result.
            if (result.path("error").isTextual()) {
                throw new InfluxQueryException(query, server, result.path("error").asText(), null);
            }
            List<InfluxSeries> series = new ArrayList<>();
            for (JsonNode node : result.path("series")) {
                try {
                    series.add(series(node));
                } catch (IllegalArgumentException e) {
                    throw new InfluxQueryException(query, server, "malformed answer: " + e.getMessage(), e);
                }
            }
            results.add(series);
        }
        return results;
    }

    private static InfluxSeries series(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        List<String> columns = new ArrayList<>();
        node.path("columns").forEach(column -> columns.add(column.asText()));
        List<List<Object>> values = new ArrayList<>();
        for (JsonNode row : node.path("values")) {
            List<Object> cells = new ArrayList<>(row.size());
            row.forEach(cell -> cells.add(value(cell)));
            values.add(cells);
        }
        return new InfluxSeries(node.path("name").asText(), tags, columns, values);
    }

    private static Object value(JsonNode cell) {
        if (cell.isNull()) {
            return null;
        }
        if (cell.isBoolean()) {
            return cell.booleanValue();
        }
        if (cell.isIntegralNumber()) {
            return cell.canConvertToLong() ? (Object) cell.longValue() : cell.bigIntegerValue();
        }
        if (cell.isNumber()) {
            return cell.doubleValue();
        }
        return cell.asText();
    }
}
