package io.tickpipe.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;

/**
 * Points through influxdb-client-java's blocking v2 write API ({@code POST /api/v2/write}):
 * InfluxDB 2.x, 3.x and 1.8+ (there with bucket {@code database/retention-policy} and token
 * {@code user:password}).
 *
 * <p>The lines are the ones {@link V1LineProtocolWriter} sends, written as one record of several
 * lines with {@code writeRecord(bucket, org, NS, text)}: {@code writePoints} would send each point in its own
 * precision, and converting once to nanoseconds here keeps both APIs byte-identical. Retries are
 * ours alone: {@link WriteApiBlocking} does not retry, and OkHttp's silent retry on connection
 * failure is switched off so every attempt is counted and logged.
 */
public final class V2PointWriter extends BatchedPointWriter {
    static final String NO_V2_API_HINT = "this server has no v2 write API (InfluxDB < 1.8); use influx.api=v1";

    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final String org;
    private final String bucket;
    private final String target;

    public V2PointWriter(InfluxConfig config) {
        super(config);
        if (config.api() != InfluxApi.V2) {
            throw new IllegalArgumentException("V2PointWriter needs influx.api=v2, got " + config.api());
        }
        this.org = config.org().orElseThrow();
        this.bucket = config.bucket().orElseThrow();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                .retryOnConnectionFailure(false);
        InfluxDBClientOptions options = InfluxDBClientOptions.builder()
                .url(config.url())
                .authenticateToken(config.v2Token().toCharArray())
                .org(org)
                .bucket(bucket)
                .okHttpClient(http)
                .logLevel(LogLevel.NONE)
                .build();
        this.client = InfluxDBClientFactory.create(options);
        this.writeApi = client.getWriteApiBlocking();
        this.target = config.url() + "/api/v2/write (org " + org + ", bucket " + bucket + ")";
    }

    @Override
    void send(byte[] body, int offset, int length) throws RetryPolicy.Failure {
        // The client takes text, and sends a record of several lines as it is.
        try {
            writeApi.writeRecord(bucket, org, WritePrecision.NS, new String(body, offset, length, StandardCharsets.UTF_8));
        } catch (InfluxException e) {
            throw failure(e);
        }
    }

    private static RetryPolicy.Failure failure(InfluxException e) {
        if (e.status() <= 0) {
            // The client wraps a failed call (refused, reset, timed out) with status 0.
            return RetryPolicy.Failure.noAnswer(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        String text = e.getMessage() == null || e.getMessage().isBlank() ? "(no error text)" : e.getMessage();
        return RetryPolicy.Failure.answered(e.status(), e.status() == 404 ? text + "; " + NO_V2_API_HINT : text);
    }

    @Override
    String target() {
        return target;
    }

    @Override
    public void close() {
        client.close();
    }
}
