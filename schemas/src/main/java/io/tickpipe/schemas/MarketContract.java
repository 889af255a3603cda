package io.tickpipe.schemas;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.common.schema.SubjectNameStrategy;
import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;

/**
 * Where each market record travels: its topic ({@code <prefix>.trades}), the topic's dead-letter
 * twin, its value subject, and the compatibility level declared for it. The producer and both Spark
 * jobs name topics and subjects through this, never by string literals of their own.
 */
public enum MarketContract {
    TRADES("trades", Trade.getClassSchema()),
    QUOTES("quotes", Quote.getClassSchema());

    public static final String DEFAULT_TOPIC_PREFIX = "market";
    public static final String DLQ_SUFFIX = ".dlq";
    private static final Properties LEVELS = loadLevels();

    private final String stream;
    private final Schema schema;

    MarketContract(String stream, Schema schema) {
        this.stream = stream;
        this.schema = schema;
    }

    /** The current (generated) schema of this stream's records. */
    public Schema schema() {
        return schema;
    }

    public String topic(String prefix) {
        return prefix + "." + stream;
    }

    public String deadLetterTopic(String prefix) {
        return topic(prefix) + DLQ_SUFFIX;
    }

    /** The value subject under Confluent's default TopicNameStrategy. */
    public String valueSubject(String prefix) {
        return SubjectNameStrategy.TOPIC_NAME.subject(topic(prefix), false, schema);
    }

    public CompatibilityLevel compatibility() {
        String level = LEVELS.getProperty(schema.getFullName());
        if (level == null) {
            throw new IllegalStateException("no compatibility level declared for " + schema.getFullName());
        }
        return CompatibilityLevel.parse(level);
    }

    /** The stream whose records have this full name, e.g. {@code io.tickpipe.market.Trade}. */
    public static MarketContract forRecord(String fullName) {
        for (MarketContract contract : values()) {
            if (contract.schema.getFullName().equals(fullName)) {
                return contract;
            }
        }
        throw new IllegalArgumentException("no market topic carries " + fullName + "; known: "
                + List.of(values()).stream().map(c -> c.schema.getFullName()).toList());
    }

    private static Properties loadLevels() {
        Properties levels = new Properties();
        try (InputStream in = MarketContract.class.getResourceAsStream("/io/tickpipe/market/compatibility.properties")) {
            if (in == null) {
                throw new IllegalStateException("compatibility.properties missing from the schemas jar");
            }
            levels.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return levels;
    }
}
