/**
 * The canonical time series: BDF-labelled columns ({@link tower.core.series.Quantity}), reusable column batches streamed from readers to sinks, and the in-memory {@link tower.core.series.TimeSeries}.
 */
package tower.core.series;
