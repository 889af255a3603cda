/**
 * The command-line options that more than one command of the project takes, each defined once here
 * (name, default, help text) and mixed into the commands: {@code tickpipe produce/topics/schemas/watch}
 * and the Spark jobs. Kafka ({@link io.tickpipe.options.KafkaOptions}, {@link io.tickpipe.options.TopicPrefixOption}),
 * the schema registry ({@link io.tickpipe.options.RegistryOptions}), InfluxDB
 * ({@link io.tickpipe.options.InfluxOptions}), the defaults file ({@link io.tickpipe.options.ConfigFileOption}),
 * and how a command line treats misuse and deprecated aliases ({@link io.tickpipe.options.CommandLines}).
 * docs/operations.md lists every option of every command, generated from these definitions.
 */
package io.tickpipe.options;
