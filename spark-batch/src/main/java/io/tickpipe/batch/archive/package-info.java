/**
 * The archive: Kafka's trades and quotes kept as Parquet files beyond Kafka's retention, for the
 * batch analysis and for any tool that reads Parquet (DuckDB, pandas/pyarrow, Spark, Trino).
 * {@link io.tickpipe.batch.archive.Archive} writes it, {@link io.tickpipe.batch.archive.ArchiveReader}
 * reads it back as trade and quote Datasets.
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;archive-dir&gt;/trades/event_date=2026-03-02/part-00000-&lt;uuid&gt;.c000.snappy.parquet
 * &lt;archive-dir&gt;/quotes/event_date=2026-03-02/part-...parquet
 * </pre>
 * A Hive-style partitioning by {@code event_date}, the UTC date of the record's event time. A date's
 * folder holds one file per run that wrote it (one task writes a date), its rows sorted by
 * {@code symbol}, {@code event_time}, {@code sequence}, then {@code kafka_partition},
 * {@code kafka_offset}.
 *
 * <h2>Columns</h2>
 * Every field of the record in its Avro schema's order (trades: {@code symbol, price, size,
 * event_time, trade_id, exchange, conditions, sequence, currency}; quotes: {@code symbol, bid, ask,
 * bid_size, ask_size, event_time, exchange, sequence}), {@code event_time} as
 * {@code TIMESTAMP(MICROS, UTC)}, {@code conditions} as a list of strings; then
 * {@code kafka_partition} (int) and {@code kafka_offset} (long), where the record was read, and the
 * partition column {@code event_date} (date) from the folder names.
 */
package io.tickpipe.batch.archive;
