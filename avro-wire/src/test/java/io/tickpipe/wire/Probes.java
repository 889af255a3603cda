package io.tickpipe.wire;

import io.tickpipe.wire.test.Probe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded Probe records for the wire tests; values vary in every field, including nulls and empty arrays. */
final class Probes {
    private Probes() {
    }

    static List<Probe> make(int count, long seed) {
        Random random = new Random(seed);
        List<Probe> probes = new ArrayList<>();
        String[] symbols = {"AAPL", "MSFT", "NVDA", "BRK.B", "ÆØÅ-€"};
        for (int i = 0; i < count; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < i % 3; t++) {
                tags.add("t" + random.nextInt(100));
            }
            probes.add(Probe.newBuilder()
                    .setSymbol(symbols[i % symbols.length])
                    .setPrice(100 + random.nextDouble() * 50)
                    .setCount(random.nextLong())
                    .setEventTime(Instant.ofEpochSecond(1_700_000_000L + i, random.nextInt(1_000_000) * 1_000L))
                    .setTags(tags)
                    .setNote(i % 2 == 0 ? null : "note " + i)
                    .build());
        }
        return probes;
    }
}
