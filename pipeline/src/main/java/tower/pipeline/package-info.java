/**
 * The one pipeline behind both front doors: the CLI ({@code tower ...}) and the server ({@code tower serve}) call
 * this code, so that an upload and {@code tower ingest} run the same reader, normaliser and summariser, store the
 * same test and print the same JSON.
 *
 * <p>Packages by feature: {@code read} (a file through its reader and the normaliser), {@code ingest} (files into
 * the store), {@code json} (the public JSON shapes), {@code export} (canonical time series out), {@code errors}
 * (one error model mapped once to CLI exit codes and HTTP statuses). {@link tower.pipeline.Pipeline} wires them
 * with a {@link tower.pipeline.PipelineConfig}.
 */
package tower.pipeline;
