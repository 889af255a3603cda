package io.tickpipe.batch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.analytics.BarInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionScoresTest {
    private static final Instant T = Instant.parse("2026-03-02T14:30:00Z");

    @Test
    void aJumpIsFoundInItsBarOrTheNextAndAFlagIsTrueThereOnly() {
        List<JumpLabels.Jump> jumps = List.of(
                new JumpLabels.Jump("AAA", T.plusMillis(10_400), 0.02),   // bar 10
                new JumpLabels.Jump("AAA", T.plusMillis(20_999), -0.01),  // bar 20
                new JumpLabels.Jump("BBB", T.plusMillis(10_000), 0.03));  // bar 10 of BBB
        List<DetectionScores.Flag> flags = List.of(
                new DetectionScores.Flag("AAA", "model", T.plusSeconds(10)),  // true, finds jump 1
                new DetectionScores.Flag("AAA", "model", T.plusSeconds(21)),  // true (the bar after), finds jump 2
                new DetectionScores.Flag("AAA", "model", T.plusSeconds(22)),  // false: two bars after
                new DetectionScores.Flag("BBB", "model", T.plusSeconds(9)),   // false: the bar before
                new DetectionScores.Flag("AAA", "return", T.plusSeconds(10)), // true
                new DetectionScores.Flag("CCC", "return", T.plusSeconds(10))); // false: no jump of CCC
        DetectionScores.Result result = DetectionScores.score(jumps, flags, BarInterval.parse("1s"), 600,
                List.of("return", "volume", "model"));
        assertThat(result.of("model")).isEqualTo(new DetectionScores.Score("model", 4, 2, 3, 2));
        assertThat(result.of("model").precision()).isEqualTo(0.5);
        assertThat(result.of("model").recall()).isEqualTo(2.0 / 3);
        assertThat(result.of("return")).isEqualTo(new DetectionScores.Score("return", 2, 1, 3, 1));
        assertThat(result.of("volume")).isEqualTo(new DetectionScores.Score("volume", 0, 0, 3, 0));
        assertThat(result.of("volume").precision()).isNaN();
        assertThat(result.scores()).extracting(DetectionScores.Score::kind).containsExactly("model", "return", "volume");
        // Six bars a flag can be true in (each jump's and the next), of 600.
        assertThat(result.chance()).isEqualTo(6.0 / 600);
        assertThat(result.jumpBars()).isEqualTo(3);
    }

    @Test
    void labelsAreReadBackAndBadLinesNamedByFileLineAndField(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("labels.csv"),
                "symbol,event_time,log_size\nAAA,2026-03-02T14:30:10.400Z,0.02\n\nBBB,2026-03-02T14:30:11Z,-1.5E-4\n");
        assertThat(JumpLabels.read(good)).containsExactly(
                new JumpLabels.Jump("AAA", T.plusMillis(10_400), 0.02),
                new JumpLabels.Jump("BBB", T.plusSeconds(11), -1.5e-4));
        Path badTime = Files.writeString(dir.resolve("t.csv"), "symbol,event_time,log_size\nAAA,yesterday,0.02\n");
        assertThatThrownBy(() -> JumpLabels.read(badTime))
                .hasMessage(badTime + " line 2: event_time 'yesterday' is not an ISO-8601 instant");
        Path badSize = Files.writeString(dir.resolve("s.csv"), "symbol,event_time,log_size\nAAA,2026-03-02T14:30:11Z,big\n");
        assertThatThrownBy(() -> JumpLabels.read(badSize)).hasMessage(badSize + " line 2: log_size 'big' is not a number");
        Path noHeader = Files.writeString(dir.resolve("h.csv"), "AAA,2026-03-02T14:30:11Z,0.1\n");
        assertThatThrownBy(() -> JumpLabels.read(noHeader))
                .hasMessage(noHeader + " line 1: expected the header symbol,event_time,log_size of tickpipe produce --labels");
        Path short_ = Files.writeString(dir.resolve("f.csv"), "symbol,event_time,log_size\nAAA,2026-03-02T14:30:11Z\n");
        assertThatThrownBy(() -> JumpLabels.read(short_))
                .hasMessage(short_ + " line 2: expected 3 fields (symbol,event_time,log_size), found 2");
    }
}
