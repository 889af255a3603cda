package io.tickpipe.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.schemas.MarketContract;
import io.tickpipe.influx.InfluxApi;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.job.KafkaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark job's compose service: its spark-submit line, its arguments as the host sees them, and
 * what both jobs' parsed settings must say about the other compose services.
 */
public record SparkJobService(ResolvedCompose compose, String name, SparkSubmitLine submit) {

    public static SparkJobService of(ResolvedCompose compose, String name) {
        return new SparkJobService(compose, name, SparkSubmitLine.of(compose.argv(name)));
    }

    /** The job's arguments, with container paths of mounted files replaced by their host paths. */
    public String[] hostArgs() {
        List<String> args = new ArrayList<>(submit.appArgs());
        int config = args.indexOf("--config");
        Path file = compose.hostPathOf(name, args.get(config + 1))
                .orElseThrow(() -> new AssertionError("the --config file is not mounted into " + name));
        args.set(config + 1, file.toString());
        return args.toArray(String[]::new);
    }

    /** Kafka, the registry and InfluxDB 2.7 under their service names and ports, with the code's names. */
    public void assertReachesTheComposeServices(KafkaSettings kafka, Map<String, String> registryConfig, InfluxConfig influx) {
        assertThat(kafka.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(compose.environment("kafka", "KAFKA_ADVERTISED_LISTENERS")).contains("//" + kafka.bootstrapServers());
        assertThat(registryConfig.get("schema.registry.url")).isEqualTo("http://schema-registry:"
                + port(compose.environment("schema-registry", "SCHEMA_REGISTRY_LISTENERS")));
        assertThat(kafka.tradesTopic()).isEqualTo(MarketContract.TRADES.topic(MarketContract.DEFAULT_TOPIC_PREFIX));
        assertThat(kafka.quotesTopic()).isEqualTo(MarketContract.QUOTES.topic(MarketContract.DEFAULT_TOPIC_PREFIX));

        assertThat(influx.url()).isEqualTo("http://influxdb:" + compose.ports("influxdb").get(0).target());
        assertThat(influx.api()).isEqualTo(InfluxApi.V2);
        assertThat(influx.org()).contains(compose.environment("influxdb", "DOCKER_INFLUXDB_INIT_ORG"));
        assertThat(influx.bucket()).contains(compose.environment("influxdb", "DOCKER_INFLUXDB_INIT_BUCKET"));
        assertThat(influx.database()).isEqualTo(InfluxConfig.DEFAULT_DATABASE);
        // The token comes from the container's environment, the admin token InfluxDB's setup creates.
        assertThat(influx.hasToken()).isTrue();
        assertThat(compose.environment(name, InfluxConfig.ENV_TOKEN))
                .isEqualTo(compose.environment("influxdb", "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"));
    }

    private static String port(String url) {
        return url.substring(url.lastIndexOf(':') + 1).replaceAll("/.*", "");
    }
}
