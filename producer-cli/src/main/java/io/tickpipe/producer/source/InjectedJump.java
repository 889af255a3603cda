package io.tickpipe.producer.source;

import java.time.Instant;

/**
 * A price jump the simulation injected: the symbol, the event time of the event whose mid price it
 * moved, and its size as a log return added to that step's diffusion. Ground truth for measuring
 * anomaly detectors against.
 */
public record InjectedJump(String symbol, Instant eventTime, double logSize) {
}
