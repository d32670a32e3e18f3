/**
 * The analyses of a loaded test as both front doors run them: {@code tower analyze/dqdv/hppc/steps} and the REST
 * routes call {@link tower.pipeline.analysis.Analyses}, so the options and results are the same by construction.
 */
package tower.pipeline.analysis;
