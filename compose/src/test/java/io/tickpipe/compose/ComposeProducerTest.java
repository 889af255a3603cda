package io.tickpipe.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.producer.TickpipeCli;
import io.tickpipe.schemas.MarketContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The producer and the init services run `tickpipe` with arguments its own parser accepts. */
class ComposeProducerTest {
    private static final String JAR_IN_CONTAINER = "/opt/tickpipe/producer-cli.jar";

    private final ResolvedCompose compose = ResolvedCompose.shared();

    @ParameterizedTest
    @CsvSource({"create-topics, topics create", "register-schemas, schemas register", "producer, produce"})
    void theCliAcceptsTheServicesArguments(String service, String command) {
        List<String> argv = compose.argv(service);
        assertThat(argv.subList(0, 3)).containsExactly("java", "-Xmx160m", "-XX:+UseSerialGC");
        assertThat(argv).containsSequence("-jar", JAR_IN_CONTAINER);
        assertThat(compose.hostPathOf(service, JAR_IN_CONTAINER)).contains(Repo.moduleJar("producer-cli"));

        List<String> args = argv.subList(argv.indexOf(JAR_IN_CONTAINER) + 1, argv.size());
        ParseResult parsed = new CommandLine(new TickpipeCli()).parseArgs(args.toArray(String[]::new));
        List<String> names = new ArrayList<>();
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            names.add(leaf.commandSpec().name());
        }
        assertThat(String.join(" ", names)).isEqualTo(command);
        assertThat(leaf.unmatched()).isEmpty();

        assertThat(optionValue(leaf, "--topic-prefix")).isEqualTo(MarketContract.DEFAULT_TOPIC_PREFIX);
        if (leaf.commandSpec().findOption("--bootstrap-servers") != null) {
            assertThat(optionValue(leaf, "--bootstrap-servers")).isEqualTo("kafka:9092");
        }
        if (leaf.commandSpec().findOption("--schema-registry") != null) {
            // Confluent's registry serves its API at the root (no /apis/ccompat/v7 as Apicurio).
            assertThat(optionValue(leaf, "--schema-registry")).isEqualTo("http://schema-registry:8081");
        }
    }

    private static Object optionValue(ParseResult leaf, String name) {
        return leaf.commandSpec().findOption(name).getValue();
    }
}
