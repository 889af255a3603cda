package io.tickpipe.spark.job;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Which settings Spark hides wherever it shows settings: its UI's environment page and the event log,
 * and a data source's options in the plans of the UI's SQL tab and the event log (the dead-letter
 * writer lists every Kafka option there). Spark hides a value when its pattern matches the setting's
 * name or the value. Its default pattern (secret, password, token, access key) hides a Kafka login
 * ({@code sasl.jaas.config}) only because the login's value happens to contain "password", a PEM
 * private key ({@code ssl.keystore.key}) not at all, nor registry credentials handed to executors as
 * {@code spark.executorEnv.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}. The jobs' pattern adds, by name,
 * every setting Kafka's own clients type as a password, and the registry's user info.
 */
public final class SecretRedaction {

    public static final String SPARK_SETTING = "spark.redaction.regex";
    /** Spark 3.5's default of {@value #SPARK_SETTING} (SecretRedactionTest compares it with Spark's own). */
    static final String SPARK_DEFAULT = "(?i)secret|password|token|access[.]?key";
    /** Confluent's {@code basic.auth.user.info} and the variable SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO. */
    private static final String REGISTRY_USER_INFO = "user.?info";

    private SecretRedaction() {
    }

    /** Spark's default, the names of Kafka's password settings (any prefix: Spark's {@code kafka.}), the registry's user info. */
    public static String pattern() {
        TreeSet<String> kafkaSecrets = new TreeSet<>();
        Stream.of(ConsumerConfig.configDef(), ProducerConfig.configDef())
                .flatMap(definition -> definition.configKeys().entrySet().stream())
                .filter(key -> key.getValue().type == ConfigDef.Type.PASSWORD)
                .map(Map.Entry::getKey)
                .forEach(name -> kafkaSecrets.add(name.replace(".", "[.]")));
        return SPARK_DEFAULT + "|" + String.join("|", kafkaSecrets) + "|" + REGISTRY_USER_INFO;
    }

    /**
     * {@code builder} with {@link #pattern()} as {@value #SPARK_SETTING}, unless the user set one
     * (--conf, spark-defaults.conf): it must be in place before the SparkContext starts.
     */
    public static SparkSession.Builder apply(SparkSession.Builder builder) {
        return new SparkConf().contains(SPARK_SETTING) ? builder : builder.config(SPARK_SETTING, pattern());
    }
}
