/**
 * The fleet job on Apache Spark ({@link tower.spark.FleetJob}): the same core analyses the CLI runs (normalise,
 * per-cycle summary, fade/life, early-life features), applied per test in the executors over a Parquet archive
 * or a folder of raw cycler files, with a fleet table, an errors table and a content-hash manifest for
 * incremental reruns. Spark is confined to this module; nothing else depends on it.
 */
package tower.spark;
