package io.tickpipe.batch.security;

import static io.tickpipe.batch.security.PlantedSecrets.Kind.FINNHUB_TOKEN;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.INFLUX_PASSWORD;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.INFLUX_TOKEN;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.INFLUX_WRONG_PASSWORD;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.KAFKA_SASL_PASSWORD;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.KAFKA_SSL_KEY;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.KAFKA_WRONG_PASSWORD;
import static io.tickpipe.batch.security.PlantedSecrets.Kind.REGISTRY_PASSWORD;
import static io.tickpipe.influx.testing.ScriptedHttpServer.forwardTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.market.Trade;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SecuredFixture;
import io.tickpipe.spark.testing.SparkJobProcess;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted, unique random secret of each kind (Kafka SASL password, InfluxDB password and token,
 * registry credentials, Finnhub token, and wrong passwords that make runs fail) given to the producer,
 * the streaming job and a batch command the ways a user gives them (client-config file, environment,
 * --*-file options), all reaching the stack through its SASL listener and its authenticated InfluxDB.
 * Afterwards every file written (logs, progress lines, exceptions, Spark event logs, checkpoints, the
 * stack's directories), every dead letter and the streaming job's Spark UI pages are searched for
 * each secret: none may be anywhere. Each secret is also shown to have been used, so that its absence
 * means something.
 */
class SecretsLeakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SASL_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String SASL_SETTINGS = "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n";

    @TempDir
    Path dir;

    @Test
    void noPlantedSecretIsInAnyLogEventLogCheckpointDeadLetterOrUiPage() throws Exception {
        String kafkaUser = "leak_" + Long.toString(System.nanoTime(), 36);
        String influxUser = kafkaUser;
        String registryUser = "registry-" + kafkaUser;
        PlantedSecrets secrets = new PlantedSecrets(Map.of(INFLUX_PASSWORD, influxUser, INFLUX_WRONG_PASSWORD, influxUser,
                REGISTRY_PASSWORD, registryUser));
        SecuredFixture stackUser = SecuredFixture.fresh("leak");
        Set<Path> secretFiles = new HashSet<>();

        // Kafka: a SCRAM user of its own; its login in a client file (producer, batch) or the environment (stream).
        addScramUser(stackUser, kafkaUser, secrets.get(KAFKA_SASL_PASSWORD));
        Path kafkaLogin = secretFile(secretFiles, "kafka-client.properties", SASL_SETTINGS + "sasl.jaas.config="
                + login(kafkaUser, secrets.get(KAFKA_SASL_PASSWORD)) + "\n");
        Path kafkaWrongLogin = secretFile(secretFiles, "kafka-wrong.properties", SASL_SETTINGS + "sasl.jaas.config="
                + login(kafkaUser, secrets.get(KAFKA_WRONG_PASSWORD)) + "\n");
        // The stream's client file has no login (it comes from the environment), but a private key Kafka
        // would use with SSL: a setting whose name does not say it is secret.
        Path kafkaWithoutLogin = secretFile(secretFiles, "kafka-sasl.properties", SASL_SETTINGS
                + "ssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY----- " + secrets.get(KAFKA_SSL_KEY)
                + " -----END ENCRYPTED PRIVATE KEY-----\n");
        // InfluxDB: a user of its own with the right to write the fixture's database.
        InfluxQl admin = InfluxQl.of(InfluxConfig.builder(stackUser.influxServer.url()).database(stackUser.database)
                .username(stackUser.influxServer.adminUser())
                .password(Files.readString(stackUser.influxServer.adminPasswordFile()).strip()).build());
        admin.execute("CREATE USER " + InfluxQl.identifier(influxUser) + " WITH PASSWORD '" + secrets.get(INFLUX_PASSWORD) + "'");
        admin.execute("GRANT ALL ON " + InfluxQl.identifier(stackUser.database) + " TO " + InfluxQl.identifier(influxUser));
        Path influxPassword = secretFile(secretFiles, "influx.password", secrets.get(INFLUX_PASSWORD) + "\n");
        Path influxWrongPassword = secretFile(secretFiles, "influx-wrong.password", secrets.get(INFLUX_WRONG_PASSWORD) + "\n");
        String registryUserInfo = registryUser + ":" + secrets.get(REGISTRY_PASSWORD);
        Path registryCredentials = secretFile(secretFiles, "registry.credentials", registryUserInfo + "\n");

        String registryRoot = stackUser.topics.stack.schemaRegistryUrl().replaceFirst("/apis/ccompat/v7$", "");
        String plaintext = stackUser.topics.stack.kafkaBootstrapServers();
        String deadLetterTopic = MarketContract.TRADES.deadLetterTopic(stackUser.topics.prefix);
        List<String> leaks = new ArrayList<>();
        try (ScriptedHttpServer registry = ScriptedHttpServer.start(forwardTo(registryRoot));
             RefusingFeed finnhub = new RefusingFeed()) {
            // Every client's registry requests through a recording proxy: the credentials must be sent.
            SecuredFixture fixture = stackUser.as(kafkaLogin, influxUser, influxPassword)
                    .throughRegistry(registry.url() + "/apis/ccompat/v7");
            Map<String, String> registryEnv = Map.of(RegistryConfig.USER_INFO_ENV, registryUserInfo);

            // The producer: simulated events with progress lines; the Finnhub feed refusing its token; a wrong Kafka password.
            Producer.Run sim = Producer.run(dir, registryEnv, fixture.produceArgs("--source", "sim", "--symbols", "AAPL,MSFT",
                    "--rate", "200", "--duration", "3s", "--seed", "5", "--start-time", "2026-03-02T14:30:00Z"));
            assertThat(sim.exitCode()).as(sim.errText()).isZero();
            assertThat(sim.errText()).as("progress lines").contains("events/s |");
            Map<String, String> finnhubEnv = new LinkedHashMap<>(registryEnv);
            finnhubEnv.put("FINNHUB_TOKEN", secrets.get(FINNHUB_TOKEN));
            Producer.Run live = Producer.run(dir, finnhubEnv, fixture.produceArgs("--source", "finnhub", "--finnhub-url",
                    finnhub.url(), "--symbols", "AAPL", "--duration", "4s"));
            assertThat(live.exitCode()).as(live.errText()).isZero();
            assertThat(finnhub.requestLines()).as("the token was offered to the feed").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("token=" + secrets.get(FINNHUB_TOKEN)));
            Producer.Run refused = Producer.run(dir, registryEnv, fixture.as(kafkaWrongLogin, influxUser, influxPassword)
                    .produceArgs("--source", "sim", "--symbols", "AAPL", "--count", "10"));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.errText()).contains("refused the login");
            long trades = sentTo(sim, fixture.topics.tradesTopic());
            long quotes = sentTo(sim, fixture.topics.quotesTopic());
            KafkaIo.produceRaw(plaintext, fixture.topics.tradesTopic(), "AAPL", List.of(new byte[] {7, 1, 2, 3, 4, 5}));

            // The streaming job: the Kafka login and the InfluxDB password and token from the environment, the UI on;
            // in its spark-defaults.conf the registry credentials for executors, as a cluster would have them.
            Path sparkConfDir = Files.createDirectories(dir.resolve("spark-conf"));
            secretFile(secretFiles, "spark-conf/spark-defaults.conf", "spark.executorEnv." + RegistryConfig.USER_INFO_ENV
                    + " " + registryUserInfo + "\n");
            Map<String, String> streamEnv = new LinkedHashMap<>(registryEnv);
            streamEnv.put("SPARK_CONF_DIR", sparkConfDir.toString());
            streamEnv.put(KafkaOptions.SASL_JAAS_CONFIG_ENV, login(kafkaUser, secrets.get(KAFKA_SASL_PASSWORD)));
            streamEnv.put(InfluxConfig.ENV_PASSWORD, secrets.get(INFLUX_PASSWORD));
            streamEnv.put(InfluxConfig.ENV_TOKEN, secrets.get(INFLUX_TOKEN));
            int uiPort = freePort();
            Path streamEvents = Files.createDirectories(dir.resolve("spark-events"));
            Influx influx = stackUser.influx();
            String streamUi;
            try (SparkJobProcess stream = SparkJobProcess.start("spark-stream", "io.tickpipe.stream.StreamJob",
                    dir.resolve("stream.log"), streamEnv, sparkConf(streamEvents, "spark.ui.enabled=true", "spark.ui.port=" + uiPort),
                    fixture.as(kafkaWithoutLogin, influxUser, null).jobArgs(dir, "--influx-api", "v1"))) {
                Eventually.until(Duration.ofMinutes(4),
                        () -> !stream.isAlive() || influx.count("SELECT count(price) FROM trades") == trades
                                && influx.count("SELECT count(spread) FROM quotes") == quotes
                                && KafkaIo.recordCount(plaintext, deadLetterTopic) == 1,
                        () -> "trades " + influx.count("SELECT count(price) FROM trades") + " of " + trades + ", quotes "
                                + influx.count("SELECT count(spread) FROM quotes") + " of " + quotes);
                assertThat(stream.isAlive()).as(stream.log()).isTrue();
                streamUi = uiPages(uiPort);
            }
            leaks.addAll(secrets.findIn("the streaming job's Spark UI", streamUi));
            leaks.addAll(secrets.findIn("a dead letter", deadLetterText(KafkaIo.consumeRaw(plaintext, deadLetterTopic, 1).get(0))));

            // A batch command through SASL, every secret from a file, into a database of its own: its bars
            // are those of an independent computation from the topic. Then again with an InfluxDB password it refuses.
            SecuredFixture batch = fixture.withDatabase("batch");
            admin.execute("GRANT ALL ON " + InfluxQl.identifier(batch.database) + " TO " + InfluxQl.identifier(influxUser));
            Path batchEvents = Files.createDirectories(dir.resolve("spark-batch-events"));
            String[] backfillArgs = backfill(batch.jobArgs("--registry-credentials-file", registryCredentials.toString()));
            try (SparkJobProcess backfill = SparkJobProcess.start("spark-batch", "io.tickpipe.batch.BatchJob",
                    dir.resolve("backfill.log"), Map.of(), sparkConf(batchEvents), backfillArgs)) {
                assertThat(backfill.awaitExit(Duration.ofMinutes(4))).as(backfill.log()).isZero();
            }
            Influx batchInflux = batch.influx();
            ExpectedBars.assertMatches(ExpectedBars.fromInflux(batchInflux.rows("SELECT * FROM bars WHERE \"interval\" = '1s'")),
                    ExpectedBars.of(tradesIn(stackUser.topics.stack, fixture.topics.tradesTopic(), trades + 1), 1_000_000L));
            assertThat(batchInflux.count("SELECT sum(undecodable_records) FROM pipeline WHERE stream = 'batch'"))
                    .as("the batch command wrote as the planted user").isEqualTo(1);
            String[] refusedArgs = backfill(batch.as(kafkaLogin, influxUser, influxWrongPassword)
                    .jobArgs("--registry-credentials-file", registryCredentials.toString()));
            try (SparkJobProcess backfill = SparkJobProcess.start("spark-batch", "io.tickpipe.batch.BatchJob",
                    dir.resolve("backfill-refused.log"), Map.of(), sparkConf(batchEvents), refusedArgs)) {
                assertThat(backfill.awaitExit(Duration.ofMinutes(4))).isNotZero();
                assertThat(backfill.log()).contains("InfluxDB refused the credentials");
            }

            String basic = "Basic " + Base64.getEncoder().encodeToString(registryUserInfo.getBytes(StandardCharsets.UTF_8));
            assertThat(registry.requests()).as("registry requests").isNotEmpty()
                    .allSatisfy(request -> assertThat(request.header("Authorization")).contains(basic));
            assertThat(countFiles(streamEvents)).as("the stream's event log").isEqualTo(1);
            assertThat(countFiles(batchEvents)).as("the batch runs' event logs").isEqualTo(2);
        }

        leaks.addAll(secrets.findInFiles(dir, secretFiles));
        leaks.addAll(secrets.findInFiles(stackUser.topics.stack.directory(), Set.of()));
        leaks.addAll(secrets.findInFiles(stackUser.influxServer.directory(), Set.of()));
        assertThat(leaks).as("planted secrets found").isEmpty();
    }

    private static String login(String user, String password) {
        return SASL_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private Path secretFile(Set<Path> secretFiles, String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        secretFiles.add(file.toAbsolutePath().normalize());
        return file;
    }

    /** A SCRAM-SHA-512 user on the stack's broker, once the broker (not only the controller) knows it. */
    private static void addScramUser(SecuredFixture fixture, String user, String password) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.topics.stack.kafkaBootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
            Eventually.until(Duration.ofSeconds(30), () -> {
                try {
                    return !admin.describeUserScramCredentials(List.of(user)).all().get().isEmpty();
                } catch (Exception notYet) {
                    return false;
                }
            }, () -> "SCRAM user " + user + " not described");
        }
    }

    /** The job's Spark settings: its event log into {@code events}, then {@code more}. */
    private static List<String> sparkConf(Path events, String... more) {
        List<String> conf = new ArrayList<>(List.of("spark.eventLog.enabled=true", "spark.eventLog.dir=" + events.toUri()));
        conf.addAll(List.of(more));
        return conf;
    }

    private static String[] backfill(String[] jobArgs) {
        List<String> args = new ArrayList<>(List.of("backfill"));
        args.addAll(List.of(jobArgs));
        return args.toArray(String[]::new);
    }

    /** The trades among the first {@code records} records of {@code topic}, decoded with the registry's schemas (the undecodable left out). */
    private static List<Trade> tradesIn(LocalStack stack, String topic, long records) {
        List<Trade> trades = new ArrayList<>();
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
            for (ConsumerRecord<String, byte[]> record : KafkaIo.consumeRaw(stack.kafkaBootstrapServers(), topic, (int) records)) {
                if (record.value().length > 5 && record.value()[0] == 0) {
                    trades.add((Trade) deserializer.deserialize(topic, record.value()));
                }
            }
        }
        return trades;
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static long sentTo(Producer.Run run, String topic) {
        Matcher sent = Pattern.compile(Pattern.quote(topic) + ": sent (\\d+), acknowledged (\\d+), failed 0").matcher(run.errText());
        assertThat(sent.find()).as(run.errText()).isTrue();
        assertThat(sent.group(1)).isEqualTo(sent.group(2));
        return Long.parseLong(sent.group(2));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The UI's environment page and its REST twin, and the SQL pages with the plans (where a source's
     * options would show), of the one application the job runs.
     */
    private static String uiPages(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = "http://127.0.0.1:" + port;
        JsonNode applications = JSON.readTree(get(http, base + "/api/v1/applications"));
        assertThat(applications).hasSize(1);
        String api = base + "/api/v1/applications/" + applications.get(0).path("id").asText();
        String environment = get(http, api + "/environment");
        assertThat(JSON.readTree(environment).path("sparkProperties").toString())
                .contains("spark.eventLog.enabled", "spark.executorEnv." + RegistryConfig.USER_INFO_ENV);
        StringBuilder pages = new StringBuilder(environment);
        for (String page : List.of(base + "/environment/", base + "/SQL/", api + "/sql?details=true&planDescription=true&length=1000",
                base + "/StreamingQuery/")) {
            pages.append(get(http, page));
        }
        return pages.toString();
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    private static String deadLetterText(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(record.key()).append(new String(record.value(), StandardCharsets.ISO_8859_1));
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return text.toString();
    }
}
