package io.tickpipe.common.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"x\",\"fields\":[" + fields + "]}");
    }

    private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"long\"}");
    private static final Schema V2_WITH_DEFAULT = record("{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");
    private static final Schema ADDS_WITHOUT_DEFAULT = record("{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"c\",\"type\":\"string\"}");
    private static final Schema DROPS_A = record("{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");

    private static List<Map.Entry<String, Schema>> history(Schema... versions) {
        return java.util.stream.IntStream.range(0, versions.length)
                .mapToObj(i -> Map.entry("v" + (i + 1), versions[i])).toList();
    }

    @Test
    void addingAFieldWithADefaultKeepsFullTransitive() {
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(V2_WITH_DEFAULT, history(V1))).isEmpty();
    }

    @Test
    void addingAFieldWithoutADefaultBreaksBackwardAndNamesTheField() {
        var violations = CompatibilityLevel.BACKWARD.check(ADDS_WITHOUT_DEFAULT, history(V1));
        assertThat(violations).hasSize(1);
        var v = violations.get(0);
        assertThat(v.field()).isEqualTo("T.c");
        assertThat(v.incompatibility().getType()).isEqualTo(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
        assertThat(v.toString()).contains("BACKWARD").contains("v1").contains("'T.c'");
        // Old readers ignore the new field, so forward compatibility holds.
        assertThat(CompatibilityLevel.FORWARD.check(ADDS_WITHOUT_DEFAULT, history(V1))).isEmpty();
    }

    @Test
    void droppingAFieldWithoutADefaultBreaksForward() {
        var violations = CompatibilityLevel.FULL.check(DROPS_A, history(V2_WITH_DEFAULT));
        assertThat(violations).extracting(CompatibilityLevel.Violation::field).containsExactly("T.a");
        assertThat(violations.get(0).rule()).contains("FORWARD");
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionTheOthersOnlyTheLatest() {
        // The new schema reads every old record (b has a default), but old readers need a.
        Schema dropsAKeepsB = DROPS_A;
        assertThat(CompatibilityLevel.BACKWARD.check(dropsAKeepsB, history(V1, V2_WITH_DEFAULT))).isEmpty();
        assertThat(CompatibilityLevel.FORWARD.check(dropsAKeepsB, history(V2_WITH_DEFAULT))).isNotEmpty();
        var transitive = CompatibilityLevel.FORWARD_TRANSITIVE.check(dropsAKeepsB, history(V1, V2_WITH_DEFAULT));
        assertThat(transitive).extracting(CompatibilityLevel.Violation::earlierVersion).containsExactly("v1", "v2");
        assertThat(CompatibilityLevel.NONE.check(ADDS_WITHOUT_DEFAULT, history(V1))).isEmpty();
    }

    @Test
    void parsesLevelNamesAndRejectsOthers() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .hasMessageContaining("SIDEWAYS").hasMessageContaining("BACKWARD_TRANSITIVE");
    }
}
