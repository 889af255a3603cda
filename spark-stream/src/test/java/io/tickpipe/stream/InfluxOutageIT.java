package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB answers 503 for a while: the writers retry, give up, the micro-batch fails, the
 * supervisor restarts the queries from their checkpoints; once InfluxDB is back every point is there.
 */
class InfluxOutageIT {

    @Test
    void anOutageDelaysPointsButLosesNone(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "outage");
        AtomicBoolean down = new AtomicBoolean(true);
        ScriptedHttpServer.Reply unavailable = ScriptedHttpServer.status(503, "{\"error\":\"unavailable\"}");
        ScriptedHttpServer.Reply influx = ScriptedHttpServer.forwardTo(stack.influxUrl());
        MarketCsv csv = MarketCsv.write(dir, 7, List.of("AAPL", "MSFT"), Instant.parse("2026-03-02T14:30:00Z"), 30, 5);

        try (ScriptedHttpServer proxy = ScriptedHttpServer.start((request, exchange) ->
                (down.get() ? unavailable : influx).answer(request, exchange))) {
            String[] args = fixture.jobArgs(dir, "--influx-max-retries", "1");
            args[java.util.Arrays.asList(args).indexOf("--influx-url") + 1] = proxy.url();
            try (InProcessJob job = InProcessJob.start(args)) {
                Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                        "--replay-file", csv.trades.toString(), "--replay-file", csv.quotes.toString()));
                UUID firstRun = job.query(StreamTopology.ANALYTICS).runId();
                // Down until both queries have failed at least once and been restarted.
                Eventually.until(Duration.ofMinutes(2), () -> !runId(job).equals(firstRun) && proxy.requests().size() > 10,
                        () -> proxy.requests().size() + " requests to the failing InfluxDB");
                down.set(false);

                Influx data = fixture.influx();
                Eventually.until(Duration.ofMinutes(2),
                        () -> data.count("SELECT count(price) FROM trades") == csv.tradeCount
                                && data.count("SELECT count(spread) FROM quotes") == csv.quoteCount
                                && data.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND final = true") > 0,
                        () -> "trades " + data.count("SELECT count(price) FROM trades") + " of " + csv.tradeCount);
                // Bars hold every trade once: the failed batches were run again, not skipped or doubled.
                long inBars = data.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s'");
                assertThat(inBars).isEqualTo(csv.tradeCount);
            }
        }
    }

    private static UUID runId(InProcessJob job) {
        try {
            return job.query(StreamTopology.ANALYTICS).runId();
        } catch (AssertionError restarting) {
            return new UUID(0, 0);
        }
    }
}
