package io.tickpipe.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
    @Test
    void namesSubjectsAsConfluentDoes() {
        Schema schema = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.tickpipe.wire.test\",\"fields\":[]}");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("market.trades", false, schema)).isEqualTo("market.trades-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("market.trades", true, schema)).isEqualTo("market.trades-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("market.trades", false, schema)).isEqualTo("io.tickpipe.wire.test.Probe");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("market.trades", false, schema))
                .isEqualTo("market.trades-io.tickpipe.wire.test.Probe");
    }

    @Test
    void acceptsConfluentClassNamesAndShortNames() {
        assertThat(SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("TopicNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.parse("topic_record_name")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThatThrownBy(() -> SubjectNameStrategy.parse("com.example.MyStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.MyStrategy");
    }
}
