package io.tickpipe.producer;

import io.tickpipe.schemas.MarketContract;
import picocli.CommandLine.Option;

/** {@code --topic-prefix}: the market topics are {@code <prefix>.trades} and {@code <prefix>.quotes}. */
final class TopicPrefix {
    @Option(names = "--topic-prefix", defaultValue = MarketContract.DEFAULT_TOPIC_PREFIX,
            description = "Topics are <prefix>.trades and <prefix>.quotes (default: ${DEFAULT-VALUE}).")
    String value;
}
