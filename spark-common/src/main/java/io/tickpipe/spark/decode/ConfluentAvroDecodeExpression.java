package io.tickpipe.spark.decode;

import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.expressions.codegen.FalseLiteral$;
import org.apache.spark.sql.catalyst.expressions.codegen.JavaCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The Catalyst expression behind {@link ConfluentAvroDecode#decode}: from a Kafka row's value (and
 * its topic, partition and offset, which label errors) to the struct of {@link DecodeOutcome}. It
 * is an expression, not a map over external Rows, so decoded records stay in Spark's internal
 * format and the stage keeps its generated code, as with {@code from_avro}.
 *
 * <p>Only the four columns are product elements, so plans, {@code explain} and messages show
 * {@code confluent_avro_decode(value, topic, partition, offset)} and never the registry
 * configuration, which may hold credentials.
 *
 * <p>Not deterministic, for Catalyst: the result depends on the registry (an unknown id may be
 * registered later), and it stops the optimizer from copying the decode into every filter and
 * projection that reads one of its fields, which would decode each record several times.
 *
 * <p>Without a record type it only checks the values ({@link CatalystRecordDecoder#checking}): the
 * outcome's record is then of Spark's null type, always null.
 *
 * <p>Public only because Spark's generated code calls it; build it through {@link ConfluentAvroDecode}.
 */
public final class ConfluentAvroDecodeExpression extends Expression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expression value;
    private final Expression topic;
    private final Expression partition;
    private final Expression offset;
    private final Schema readerSchema;
    private final HashMap<String, String> registryConfig;
    /** Null when the values are only checked. */
    private final StructType recordType;
    private transient CatalystRecordDecoder decoder;

    ConfluentAvroDecodeExpression(Expression value, Expression topic, Expression partition, Expression offset,
                                  Schema readerSchema, StructType recordType, Map<String, String> registryConfig) {
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.readerSchema = readerSchema;
        this.recordType = recordType;
        this.registryConfig = new HashMap<>(registryConfig);
    }

    /**
     * Decodes one value (called by the generated code and by {@link #eval}): the outcome row, or null
     * when the value is bad and {@link #failure} must label it with the position columns.
     */
    public InternalRow decode(byte[] bytes) {
        if (decoder == null) {
            // Built where it runs (an executor), from the serializable configuration: one registry
            // client and schema cache per JVM, buffers per task.
            SchemaRegistryClient registry = SchemaRegistryClient.shared(RegistryConfig.from(registryConfig));
            decoder = recordType == null ? CatalystRecordDecoder.checking(registry::schemaById, readerSchema)
                    : CatalystRecordDecoder.decoding(registry::schemaById, readerSchema, recordType);
        }
        return decoder.decode(bytes);
    }

    /** The outcome row of the bad value the last {@link #decode} returned null for. */
    public InternalRow failure(UTF8String topicName, int partitionNumber, long recordOffset) {
        return decoder.failure(topicName, partitionNumber, recordOffset);
    }

    @Override
    public Object eval(InternalRow input) {
        InternalRow outcome = decode((byte[]) value.eval(input));
        if (outcome != null) {
            return outcome;
        }
        Object partitionNumber = partition.eval(input);
        Object recordOffset = offset.eval(input);
        return failure((UTF8String) topic.eval(input),
                partitionNumber == null ? -1 : (Integer) partitionNumber, recordOffset == null ? -1L : (Long) recordOffset);
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        String self = ctx.addReferenceObj("confluentAvroDecode", this, getClass().getName());
        ExprCode bytes = value.genCode(ctx);
        // The position columns' code goes into the failure branch: for good records they are not read.
        ExprCode topicName = topic.genCode(ctx);
        ExprCode partitionNumber = partition.genCode(ctx);
        ExprCode recordOffset = offset.genCode(ctx);
        String code = bytes.code() + "\n"
                + "org.apache.spark.sql.catalyst.InternalRow " + ev.value() + " = " + self + ".decode(" + orDefault(bytes, "null") + ");\n"
                + "if (" + ev.value() + " == null) {\n"
                + topicName.code() + "\n" + partitionNumber.code() + "\n" + recordOffset.code() + "\n"
                + "  " + ev.value() + " = " + self + ".failure(" + orDefault(topicName, "null") + ", "
                + orDefault(partitionNumber, "-1") + ", " + orDefault(recordOffset, "-1L") + ");\n"
                + "}";
        return ev.copy(new CodeBlock(seq(List.of(code)), seq(List.<JavaCode>of())), FalseLiteral$.MODULE$, ev.value());
    }

    private static String orDefault(ExprCode input, String whenNull) {
        return "(" + input.isNull() + " ? " + whenNull + " : " + input.value() + ")";
    }

    @Override
    public DataType dataType() {
        return DecodeOutcome.type(recordType);
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public String prettyName() {
        return "confluent_avro_decode";
    }

    @Override
    public Seq<Expression> children() {
        return seq(List.of(value, topic, partition, offset));
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> children) {
        return new ConfluentAvroDecodeExpression(children.apply(0), children.apply(1), children.apply(2), children.apply(3),
                readerSchema, recordType, registryConfig);
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return children().apply(n);
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof ConfluentAvroDecodeExpression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfluentAvroDecodeExpression that && value.equals(that.value) && topic.equals(that.topic)
                && partition.equals(that.partition) && offset.equals(that.offset)
                && readerSchema.equals(that.readerSchema) && Objects.equals(recordType, that.recordType)
                && registryConfig.equals(that.registryConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, topic, partition, offset, readerSchema);
    }

    private static <T> Seq<T> seq(List<T> items) {
        return JavaConverters.asScalaBuffer(items).toList();
    }
}
