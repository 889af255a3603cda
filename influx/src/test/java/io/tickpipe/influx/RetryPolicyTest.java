package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysDoubleUpToTheCapWithJitterOfAtMostHalf() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10));
        long[] caps = {200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000};
        for (int attempt = 1; attempt <= caps.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                assertThat(policy.delayMillis(attempt)).isBetween(caps[attempt - 1] / 2, caps[attempt - 1]);
            }
        }
        assertThat(policy.delayMillis(100)).isBetween(5_000L, 10_000L);
    }

    @Test
    void retriesIoErrors5xxAnd429ThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        fastPolicy(3).run("target", () -> {
            switch (attempts.incrementAndGet()) {
                case 1 -> throw RetryPolicy.Failure.noAnswer(new ConnectException("refused"));
                case 2 -> throw RetryPolicy.Failure.answered(503, "busy");
                case 3 -> throw RetryPolicy.Failure.answered(429, "slow down");
                default -> { }
            }
        });
        assertThat(attempts).hasValue(4);
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> fastPolicy(2).run("http://h/write (database d)", () -> {
            attempts.incrementAndGet();
            throw RetryPolicy.Failure.answered(500, "engine exploded");
        }))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.status()).hasValue(500);
                    assertThat(e.serverMessage()).contains("engine exploded");
                })
                .hasMessage("InfluxDB write to http://h/write (database d) failed after 3 attempts: HTTP 500: engine exploded");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void clientErrorsFailAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> fastPolicy(5).run("t", () -> {
            attempts.incrementAndGet();
            throw RetryPolicy.Failure.answered(401, "unauthorized");
        }))
                .isInstanceOf(InfluxWriteException.class)
                .hasMessageContaining("not retried")
                .hasMessageContaining("HTTP 401: unauthorized");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void noAnswerKeepsTheIoErrorAsCause() {
        IOException refused = new ConnectException("Connection refused");
        assertThatThrownBy(() -> fastPolicy(0).run("t", () -> {
            throw RetryPolicy.Failure.noAnswer(refused);
        }))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> assertThat(e.status()).isEmpty())
                .hasMessageContaining("failed after 1 attempt: ConnectException: Connection refused")
                .hasCause(refused);
    }

    private static RetryPolicy fastPolicy(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(1), Duration.ofMillis(2));
    }
}
