package io.tickpipe.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option that several commands take ({@code tickpipe produce}, {@code tickpipe watch}, the
 * other {@code tickpipe} commands, {@code spark-stream}, {@code spark-batch}) has one set of names,
 * one default, one value label, one arity and one help text in all of them: a user who learnt it in
 * one command can type it in the next.
 */
class OptionConsistencyTest {

    /**
     * The differences that are meant, each with its reason; the test also fails when one of these
     * stops being a difference, so the list cannot go stale.
     */
    private static final Map<String, String> MEANT = Map.of(
            "--raw", "the stream writes raw trades and quotes by default (live Grafana panels read them); a backfill"
                    + " rewrites history only when asked",
            "--intervals", "the same help; live bars default to seconds and minutes, history (analyze) to minutes and days",
            "--source", "where the data comes from: produce reads live or replayed feeds, analyze reads history",
            "--labels", "the same file: produce writes the jumps the simulation injects, analyze scores its anomalies"
                    + " against them");

    @Test
    void everySharedOptionIsTheSameInEveryCommand() {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (CommandSpec command : Commands.all()) {
            for (OptionSpec option : Commands.options(command)) {
                if (option.hidden()) {
                    // A deprecated alias, kept for old command lines and shown in no usage.
                    continue;
                }
                for (String name : option.names()) {
                    byName.computeIfAbsent(name, n -> new LinkedHashMap<>())
                            .put(command.qualifiedName(" "), signature(option));
                }
            }
        }
        List<String> differences = new ArrayList<>();
        List<String> meantButEqual = new ArrayList<>(MEANT.keySet());
        byName.forEach((name, signatures) -> {
            if (Set.copyOf(signatures.values()).size() > 1) {
                if (MEANT.containsKey(name)) {
                    meantButEqual.remove(name);
                } else {
                    StringBuilder text = new StringBuilder(name + " differs:");
                    signatures.forEach((command, signature) -> text.append("\n  ").append(command).append(": ").append(signature));
                    differences.add(text.toString());
                }
            }
        });
        assertThat(differences).as("options that differ between commands").isEmpty();
        assertThat(meantButEqual).as("listed as meant differences but now the same: drop them from MEANT").isEmpty();
    }

    @Test
    void theOptionsTheIssueNamesAreSharedByTheCommandsThatNeedThem() {
        Map<String, List<String>> takenBy = new TreeMap<>();
        for (CommandSpec command : Commands.all()) {
            for (OptionSpec option : Commands.options(command)) {
                takenBy.computeIfAbsent(option.longestName(), n -> new ArrayList<>()).add(command.qualifiedName(" "));
            }
        }
        List<String> kafkaUsers = List.of("tickpipe produce", "spark-stream", "spark-batch backfill", "spark-batch analyze");
        assertThat(takenBy.get("--bootstrap-servers")).containsAll(kafkaUsers);
        assertThat(takenBy.get("--kafka-option")).containsAll(kafkaUsers);
        assertThat(takenBy.get("--client-config")).containsAll(kafkaUsers);
        assertThat(takenBy.get("--schema-registry")).containsAll(kafkaUsers);
        assertThat(takenBy.get("--topic-prefix")).containsAll(kafkaUsers);
        assertThat(takenBy.get("--influx-url")).contains("tickpipe watch", "spark-stream", "spark-batch backfill", "spark-batch analyze");
        assertThat(takenBy.get("--rsi-period")).contains("tickpipe watch", "spark-stream", "spark-batch backfill", "spark-batch analyze");
        assertThat(takenBy.get("--from")).contains("spark-batch backfill", "spark-batch analyze");
        assertThat(takenBy.get("--config")).containsAll(Commands.all().stream().map(c -> c.qualifiedName(" ")).toList());
    }

    private static String signature(OptionSpec option) {
        return "names=" + List.of(option.names())
                + " label=" + option.paramLabel()
                + " arity=" + option.arity()
                + " type=" + option.type().getSimpleName()
                + " default=" + option.defaultValue()
                + " hidden=" + option.hidden()
                + " split=" + option.splitRegex()
                + " help=" + String.join(" ", option.description());
    }
}
