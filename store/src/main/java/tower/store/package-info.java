/**
 * The embedded test store: one DuckDB file ({@code tower.duckdb}) holding tests, their samples and per-cycle
 * summaries, with atomic ingest, streaming replay and Parquet export.
 *
 * <p>Entry point: {@link tower.store.Store}. {@link tower.store.ParquetSink} writes a BDF Parquet file from any
 * stream without a store.
 */
package tower.store;
