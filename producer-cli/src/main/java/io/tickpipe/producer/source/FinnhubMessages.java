package io.tickpipe.producer.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickpipe.files.EventTimeRange;
import io.tickpipe.files.Symbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finnhub's trade websocket messages, as documented: {@code {"type":"trade","data":[{"s":"AAPL",
 * "p":190.25,"t":1575526691134,"v":100,"c":["1","12"]}]}} (symbol, price, epoch milliseconds, volume,
 * conditions), {@code {"type":"ping"}} and {@code {"type":"error","msg":"..."}}.
 */
final class FinnhubMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One print from a trade message, before it gets its sequence number. */
    record Print(String symbol, double price, double volume, Instant time, List<String> conditions) {
    }

    /** A message that is not what the documentation says. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason);
        }
    }

    /** What one message says. */
    sealed interface Message permits Trades, Ping, Error {
    }

    record Trades(List<Print> prints) implements Message {
    }

    record Ping() implements Message {
    }

    record Error(String message) implements Message {
    }

    private FinnhubMessages() {
    }

    static Message parse(String text) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String type = root.path("type").asText("");
        return switch (type) {
            case "trade" -> trades(root.get("data"));
            case "ping" -> new Ping();
            case "error" -> new Error(root.path("msg").asText("(no message)"));
            default -> throw new Malformed("unknown message type '" + type + "'");
        };
    }

    private static Trades trades(JsonNode data) throws Malformed {
        if (data == null || !data.isArray()) {
            throw new Malformed("trade message without a 'data' array");
        }
        List<Print> prints = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String symbol = Symbols.normalise(item.path("s").asText(""));
            if (symbol == null) {
                throw new Malformed("data[" + i + "]: 's' is not a symbol");
            }
            double price = positive(item, "p", i);
            double volume = item.path("v").isNumber() && item.get("v").doubleValue() >= 0 ? item.get("v").doubleValue() : -1;
            if (volume < 0) {
                throw new Malformed("data[" + i + "]: 'v' is not a volume");
            }
            if (!item.path("t").canConvertToLong() || item.get("t").longValue() <= 0) {
                throw new Malformed("data[" + i + "]: 't' is not epoch milliseconds");
            }
            Instant time = Instant.ofEpochMilli(item.get("t").longValue());
            if (!EventTimeRange.holds(time)) {
                throw new Malformed("data[" + i + "]: 't' " + item.get("t").longValue() + " is after the latest time a trade holds ("
                        + EventTimeRange.LATEST + ")");
            }
            List<String> conditions = new ArrayList<>();
            JsonNode c = item.get("c");
            if (c != null && c.isArray()) {
                c.forEach(code -> conditions.add(code.asText()));
            } else if (c != null && !c.isNull()) {
                throw new Malformed("data[" + i + "]: 'c' is not a list of conditions");
            }
            prints.add(new Print(symbol, price, volume, time, List.copyOf(conditions)));
        }
        return new Trades(prints);
    }

    private static double positive(JsonNode item, String field, int index) throws Malformed {
        JsonNode value = item.get(field);
        if (value == null || !value.isNumber() || !(value.doubleValue() > 0) || !Double.isFinite(value.doubleValue())) {
            throw new Malformed("data[" + index + "]: '" + field + "' is not a positive number");
        }
        return value.doubleValue();
    }

    static String subscribe(String symbol) {
        return JSON.createObjectNode().put("type", "subscribe").put("symbol", symbol).toString();
    }
}
