package io.tickpipe.common.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * The registry's compatibility levels, and the same rule evaluated locally with Avro's own
 * {@link SchemaCompatibility}, so the build can refuse a schema before any registry sees it.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + text + "'; expected one of "
                    + List.of(values()), e);
        }
    }

    /** One broken rule: which earlier version, in which direction, what Avro found and where. */
    public record Violation(String earlierVersion, String rule, String field, Incompatibility incompatibility) {
        @Override
        public String toString() {
            return rule + " against " + earlierVersion + ": field '" + field + "': "
                    + incompatibility.getType() + " (" + incompatibility.getMessage() + ") at "
                    + incompatibility.getLocation();
        }
    }

    /**
     * Checks {@code candidate} against the earlier versions of its subject, oldest first, the way a
     * registry with this level would before accepting it.
     *
     * @param earlier version label and schema, oldest first
     */
    public List<Violation> check(Schema candidate, List<java.util.Map.Entry<String, Schema>> earlier) {
        List<Violation> violations = new ArrayList<>();
        if (earlier.isEmpty()) {
            return violations;
        }
        List<java.util.Map.Entry<String, Schema>> against = transitive ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
        for (var version : against) {
            if (backward) {
                // New readers must read what the old schema wrote.
                collect(violations, version.getKey(), "BACKWARD (new schema reads data written with " + version.getKey() + ")",
                        candidate, version.getValue());
            }
            if (forward) {
                // Old readers must read what the new schema writes.
                collect(violations, version.getKey(), "FORWARD (" + version.getKey() + " reads data written with the new schema)",
                        version.getValue(), candidate);
            }
        }
        return violations;
    }

    private void collect(List<Violation> out, String label, String rule, Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            String field = FieldPath.of(reader, incompatibility.getLocation())
                    .or(() -> FieldPath.of(writer, incompatibility.getLocation()))
                    .orElse(incompatibility.getMessage());
            out.add(new Violation(label, name() + ": " + rule, field, incompatibility));
        }
    }
}
