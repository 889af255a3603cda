package io.tickpipe.producer;

import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.schemas.MarketContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The market topics and their dead-letter twins. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create or describe <prefix>.trades, <prefix>.quotes and their .dlq topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
final class TopicsCommand extends CommandGroup {

    static List<String> topicNames(String prefix) {
        List<String> names = new ArrayList<>();
        for (MarketContract contract : MarketContract.values()) {
            names.add(contract.topic(prefix));
            names.add(contract.deadLetterTopic(prefix));
        }
        return names;
    }

    static class Target {
        @Mixin
        ConfigFileOption config;

        @Mixin
        KafkaOptions kafka;

        @Mixin
        TopicPrefixOption topicPrefix;

        @Spec
        CommandSpec spec;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the topics; ones that exist already are left as they are.")
    static final class Create extends Target implements Callable<Integer> {
        @Option(names = "--partitions", defaultValue = "6", paramLabel = "N", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(names = "--topic-config", paramLabel = "KEY=VALUE",
                description = "Topic setting, e.g. --topic-config retention.ms=604800000. Repeatable.")
        Map<String, String> configs = new LinkedHashMap<>();

        @Override
        public Integer call() throws InterruptedException {
            if (partitions < 1 || replicationFactor < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partitions and --replication-factor must be at least 1");
            }
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                for (String topic : topicNames(topicPrefix.prefix())) {
                    NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(configs);
                    try {
                        admin.createTopics(List.of(newTopic)).all().get();
                        spec.commandLine().getOut().printf("%s: created (%d partitions, replication %d)%n", topic, partitions, replicationFactor);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create " + topic + ": " + e.getCause().getMessage(), e.getCause());
                        }
                        spec.commandLine().getOut().printf("%s: exists already%n", topic);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show partitions, leaders and replicas of the topics.")
    static final class Describe extends Target implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException, ExecutionException {
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                var names = topicNames(topicPrefix.prefix());
                var existing = admin.listTopics().names().get();
                for (String topic : names) {
                    if (!existing.contains(topic)) {
                        spec.commandLine().getOut().printf("%s: does not exist%n", topic);
                        continue;
                    }
                    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    spec.commandLine().getOut().printf("%s: %d partitions, replication %d%n", topic, d.partitions().size(),
                            d.partitions().get(0).replicas().size());
                    d.partitions().forEach(p -> spec.commandLine().getOut().printf("  partition %d leader %s replicas %s%n",
                            p.partition(), p.leader() == null ? "none" : p.leader().id(),
                            p.replicas().stream().map(n -> n.id()).toList()));
                }
            }
            return 0;
        }
    }
}
