package io.tickpipe.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    private final Pattern pattern = Pattern.compile(SecretRedaction.pattern());

    private List<String> hidden(String... names) {
        return java.util.Arrays.stream(names).filter(name -> pattern.matcher(name).find()).toList();
    }

    @Test
    void hidesKafkaSecretsByNameWhateverTheirValueSays() {
        assertThat(hidden("kafka.sasl.jaas.config", "kafka.ssl.keystore.key", "kafka.ssl.keystore.certificate.chain",
                "kafka.ssl.key.password", "kafka.ssl.truststore.password", "sasl.jaas.config"))
                .hasSize(6);
    }

    @Test
    void hidesRegistryCredentialsHandedToExecutors() {
        assertThat(hidden("spark.executorEnv.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "basic.auth.user.info")).hasSize(2);
    }

    @Test
    void leavesWhatIsNoSecretReadable() {
        assertThat(hidden("kafka.bootstrap.servers", "kafka.security.protocol", "kafka.sasl.mechanism",
                "kafka.ssl.keystore.type", "kafka.ssl.keystore.location", "spark.sql.shuffle.partitions",
                "spark.eventLog.dir", "spark.executorEnv.INFLUX_URL")).isEmpty();
    }

    @Test
    void startsFromSparksOwnDefault() {
        String sparks = org.apache.spark.internal.config.package$.MODULE$.SECRET_REDACTION_PATTERN().defaultValueString();
        assertThat(SecretRedaction.SPARK_DEFAULT).isEqualTo(sparks);
        assertThat(SecretRedaction.pattern()).startsWith(sparks + "|");
    }
}
