package io.tickpipe.bench;

import io.tickpipe.stack.TestStack;

/**
 * {@code make bench-serde}: the Confluent wire-format serializer+deserializer against raw Avro,
 * with a real registry answering the first lookups. Target: at least 0.9x raw Avro.
 */
public final class SerdeBench {
    private SerdeBench() {
    }

    public static void main(String[] args) throws Exception {
        String registry = TestStack.shared().schemaRegistryUrl();
        SideBySide.compare(SerdeBenchmark.class, "confluentWireFormat", "rawAvro", "round trips/s", 0.9,
                "-D" + SerdeBenchmark.REGISTRY_PROPERTY + "=" + registry);
    }
}
