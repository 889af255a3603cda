package io.tickpipe.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The human part of an InfluxDB error answer: its JSON {@code "error"} (1.x) or {@code "message"} (2.x). */
final class ServerErrorText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 500;

    private ServerErrorText() {
    }

    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "(no error text)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : new String[] {"error", "message"}) {
                if (node != null && node.path(field).isTextual()) {
                    return abbreviate(node.path(field).asText());
                }
            }
        } catch (IOException notJson) {
            // a proxy's HTML page or plain text: shown as it is
        }
        return abbreviate(body.strip());
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }
}
