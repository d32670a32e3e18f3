/** The canonical time series out of the store: BDF CSV (streamed) and BDF Parquet (DuckDB's COPY). */
package tower.pipeline.export;
