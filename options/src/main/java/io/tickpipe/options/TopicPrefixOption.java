package io.tickpipe.options;

import io.tickpipe.schemas.MarketContract;
import picocli.CommandLine.Option;

/** {@code --topic-prefix} (a picocli mixin): the market topics are {@code <prefix>.trades} and {@code <prefix>.quotes}. */
public final class TopicPrefixOption {

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = MarketContract.DEFAULT_TOPIC_PREFIX,
            description = "Topics are <prefix>.trades and <prefix>.quotes, dead letters <topic>.dlq (default: ${DEFAULT-VALUE}).")
    String prefix;

    public String prefix() {
        return prefix;
    }
}
