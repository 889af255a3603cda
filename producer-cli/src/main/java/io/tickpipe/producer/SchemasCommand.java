package io.tickpipe.producer;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.schemas.SchemaHistory;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.registry.SchemaRegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The market schemas on the registry: register them with their levels, show and set levels, check a candidate. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Register the market schemas, show or set compatibility levels, check a schema file.",
        subcommands = {SchemasCommand.Register.class, SchemasCommand.Compatibility.class,
                SchemasCommand.Check.class, SchemasCommand.ListSubjects.class})
final class SchemasCommand extends CommandGroup {

    /** Options every schemas subcommand takes. */
    static class Target {
        @Mixin
        ConfigFileOption config;

        @Mixin
        RegistryOptions registry;

        @Mixin
        TopicPrefixOption topicPrefix;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register the current Trade and Quote schemas under their value subjects, "
                    + "with each subject's declared compatibility level set first.")
    static final class Register extends Target implements Callable<Integer> {
        @Override
        public Integer call() {
            SchemaRegistryClient client = registry.client();
            for (MarketContract contract : MarketContract.values()) {
                String subject = contract.valueSubject(topicPrefix.prefix());
                boolean levelSet = trySetLevel(client, subject, contract.compatibility());
                int id = client.register(subject, contract.schema());
                if (!levelSet) {
                    // A registry may know no subject before its first version; the first version has nothing to break.
                    client.setCompatibility(subject, contract.compatibility());
                }
                out().printf("%s: %s registered as schema id %d, compatibility %s%n", subject,
                        contract.schema().getFullName(), id, client.compatibility(subject));
            }
            return 0;
        }

        private static boolean trySetLevel(SchemaRegistryClient client, String subject, CompatibilityLevel level) {
            try {
                client.setCompatibility(subject, level);
                return true;
            } catch (SchemaRegistryException e) {
                if (e.isNotFound()) {
                    return false;
                }
                throw e;
            }
        }
    }

    @Command(name = "compatibility", mixinStandardHelpOptions = true,
            description = "Show each market subject's compatibility level (in force and declared), or set it.")
    static final class Compatibility extends Target implements Callable<Integer> {
        @Option(names = "--set", paramLabel = "LEVEL", converter = LevelConverter.class,
                description = "Set this level on the market subjects: ${COMPLETION-CANDIDATES}.",
                completionCandidates = Levels.class)
        CompatibilityLevel set;

        @Override
        public Integer call() {
            SchemaRegistryClient client = registry.client();
            for (MarketContract contract : MarketContract.values()) {
                String subject = contract.valueSubject(topicPrefix.prefix());
                if (set != null) {
                    client.setCompatibility(subject, set);
                }
                out().printf("%s: %s (declared %s)%n", subject, client.compatibility(subject), contract.compatibility());
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Ask the registry whether FILE would be accepted as the next version of its subject. "
                    + "Exit 1, with the reasons, when it would not.")
    static final class Check extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.avsc", description = "The candidate schema.")
        Path file;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Subject to check against (default: the market subject of the record).")
        String subject;

        @Override
        public Integer call() {
            Schema candidate = SchemaHistory.parse(file);
            String target = subject != null ? subject : MarketContract.forRecord(candidate.getFullName()).valueSubject(topicPrefix.prefix());
            var verdict = registry.client().testCompatibility(target, candidate);
            if (verdict.compatible()) {
                out().printf("%s: compatible with %s%n", file, target);
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("%s: NOT compatible with %s under its level%n", file, target);
            verdict.messages().forEach(m -> err.println("  " + m));
            err.flush();
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registry's subjects with their versions.")
    static final class ListSubjects extends Target implements Callable<Integer> {
        @Override
        public Integer call() {
            SchemaRegistryClient client = registry.client();
            for (String subject : client.subjects().stream().sorted().toList()) {
                List<Integer> versions = client.versions(subject);
                var latest = client.latest(subject);
                out().printf("%s: versions %s, latest id %d (%s)%n", subject, versions, latest.id(), latest.schema().getFullName());
            }
            return 0;
        }
    }

    static final class LevelConverter implements CommandLine.ITypeConverter<CompatibilityLevel> {
        @Override
        public CompatibilityLevel convert(String value) {
            return CompatibilityLevel.parse(value);
        }
    }

    static final class Levels implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(CompatibilityLevel.values()).map(Enum::name).iterator();
        }
    }
}
