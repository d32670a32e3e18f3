/**
 * Plot data: a stored test's columns by their JSON names ({@code voltage_v}, {@code test_time_s}, …), loaded
 * column by column, and downsampled to a number of points that keeps the shape (largest-triangle-three-buckets).
 */
package tower.pipeline.plot;
