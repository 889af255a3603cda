package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackPortsTest {

    @Test
    void without_environment_the_standard_ports_apply() {
        assertThat(StackPorts.fromEnvironment(Map.of())).isEqualTo(new StackPorts(9092, 9093, 8081, 8086, 8088, 9094));
    }

    @Test
    void each_port_is_overridden_by_its_own_variable() {
        StackPorts ports = StackPorts.fromEnvironment(Map.of("KAFKA_PORT", "19092", "INFLUX_PORT", " 18086 ",
                "KAFKA_SASL_PORT", "19094"));
        assertThat(ports).isEqualTo(new StackPorts(19092, 9093, 8081, 18086, 8088, 19094));
    }

    @Test
    void environment_round_trips() {
        StackPorts ports = new StackPorts(1, 2, 3, 4, 5, 6);
        assertThat(StackPorts.fromEnvironment(ports.toEnvironment())).isEqualTo(ports);
    }

    @Test
    void a_non_numeric_port_is_rejected_by_name() {
        assertThatThrownBy(() -> StackPorts.fromEnvironment(Map.of("REGISTRY_PORT", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REGISTRY_PORT");
    }

    @Test
    void free_ports_are_distinct() {
        StackPorts ports = StackPorts.free();
        assertThat(ports.toEnvironment().values()).doesNotHaveDuplicates().allMatch(port -> Integer.parseInt(port) > 0);
    }
}
